export * from './role.js';
export * from './actor.js';
export * from './access.decorators.js';
export * from './authenticator.js';
export * from './access.guard.js';
export * from '../domain/identity.error.js';

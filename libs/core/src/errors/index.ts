export * from './domain-error.js';
export * from './request-error.js';

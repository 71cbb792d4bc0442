export * from './app-config.js';
export * from './config.module.js';
export { jwtSecretOf } from './jwt-secret.js';

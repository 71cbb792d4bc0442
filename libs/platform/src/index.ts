export * from './platform.module.js';
export * from './readiness.js';

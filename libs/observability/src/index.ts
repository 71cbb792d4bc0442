export * from './logging.module.js';
export * from './metrics.js';
export * from './request-id.js';

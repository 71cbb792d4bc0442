export * from './logging.module.js';
export * from './metrics.js';

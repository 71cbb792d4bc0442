export * from './common.js';
export * from './network.js';

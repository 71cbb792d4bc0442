export * from './common.js';
export * from './network.js';
export * from './events.js';
export * from './live.js';
export * from './campaigns.js';
export * from './staffing.js';
export * from './billing.js';
export * from './planning.js';

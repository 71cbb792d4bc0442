export * from './redis-connection.js';
export * from './rate-limiter.js';
export * from './attempt-limiter.js';
export * from './redis.module.js';
export * from './publish-failures.js';

export { RedisConnection } from './redis-connection.js';
export { RateLimiter } from './rate-limiter.js';
export { AttemptLimiter, type AttemptPolicy } from './attempt-limiter.js';
export { RedisModule } from './redis.module.js';
export { withPublishFailuresHandled } from './publish-failures.js';

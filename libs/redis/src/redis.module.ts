import { Global, Module } from '@nestjs/common';
import { AttemptLimiter } from './attempt-limiter.js';
import { RateLimiter } from './rate-limiter.js';
import { RedisConnection } from './redis-connection.js';

@Global()
@Module({
  providers: [RedisConnection, RateLimiter, AttemptLimiter],
  exports: [RedisConnection, RateLimiter, AttemptLimiter],
})
export class RedisModule {}

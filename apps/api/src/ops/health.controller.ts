import { Controller, Get, HttpCode, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { RedisConnection } from '#redis';
import { Public } from '#identity/access';

@ApiTags('ops')
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly redis: RedisConnection,
  ) {}

  /** The process is up. */
  @Get('live')
  @Public()
  @ApiOkResponse({ schema: { example: { status: 'ok' } } })
  live() {
    return { status: 'ok' };
  }

  /** The process can serve: the database answers, and Redis when it is configured. */
  @Get('ready')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ schema: { example: { status: 'ok', checks: { database: 'ok', redis: 'ok' } } } })
  @ApiServiceUnavailableResponse()
  async ready() {
    const [database, redis] = await Promise.all([
      this.dataSource.query('SELECT 1').then(
        () => true,
        () => false,
      ),
      this.redis.answers(),
    ]);
    const checks = {
      database: database ? 'ok' : 'down',
      ...(this.redis.client ? { redis: redis ? 'ok' : 'down' } : {}),
    };
    if (!database || !redis)
      throw new ServiceUnavailableException(
        `not ready: ${Object.entries(checks)
          .filter(([, state]) => state !== 'ok')
          .map(([name]) => name)
          .join(' and ')} not answering`,
      );
    return { status: 'ok', checks };
  }
}

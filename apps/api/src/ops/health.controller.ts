import { Controller, Get, HttpCode, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { ReadinessChecks } from '#platform';
import { Public } from '#identity/access';
import { Draining } from './draining.js';

@ApiTags('ops')
@Controller('health')
export class HealthController {
  constructor(
    private readonly readiness: ReadinessChecks,
    private readonly draining: Draining,
  ) {}

  /** The process is up. */
  @Get('live')
  @Public()
  @ApiOkResponse({ schema: { example: { status: 'ok' } } })
  live() {
    return { status: 'ok' };
  }

  /** The process can serve: it is not stopping, the database answers, and Redis when it is configured. */
  @Get('ready')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ schema: { example: { status: 'ok', checks: { database: 'ok', redis: 'ok' } } } })
  @ApiServiceUnavailableResponse()
  async ready() {
    if (this.draining.active) throw new ServiceUnavailableException('not ready: stopping');
    const readiness = await this.readiness.check();
    if (!readiness.ready) throw new ServiceUnavailableException(`not ready: ${readiness.problem}`);
    return { status: 'ok', checks: readiness.checks };
  }
}

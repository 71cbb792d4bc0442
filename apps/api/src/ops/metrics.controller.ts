import { timingSafeEqual } from 'node:crypto';
import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { addressMatcher, AppConfig } from '#config';
import { IdentityError, IdentityErrorCode, Public } from '#identity/access';
import { Metrics } from '#observability';

@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  private readonly allowed: (address: string | undefined) => boolean;
  private readonly token?: Buffer;

  constructor(
    private readonly metrics: Metrics,
    config: AppConfig,
  ) {
    this.allowed = addressMatcher(config.metricsAllow);
    if (config.METRICS_TOKEN) this.token = Buffer.from(`Bearer ${config.METRICS_TOKEN}`);
  }

  /**
   * Prometheus exposition format, for a scraper bearing METRICS_TOKEN or calling from an address
   * in METRICS_ALLOW (loopback by default): live seat counts and open alerts are not public.
   */
  @Get()
  @Public()
  async scrape(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    if (!this.bearsToken(request.headers.authorization) && !this.allowed(request.ip))
      throw IdentityError.unauthenticated(
        IdentityErrorCode.MissingCredentials,
        'Scrape /metrics with "Authorization: Bearer <METRICS_TOKEN>" or from an address in METRICS_ALLOW.',
      );
    await reply
      .header('content-type', this.metrics.contentType)
      .header('cache-control', 'no-store')
      .send(await this.metrics.render());
  }

  private bearsToken(authorization: string | undefined): boolean {
    if (!this.token || !authorization) return false;
    const given = Buffer.from(authorization.trim());
    return given.length === this.token.length && timingSafeEqual(given, this.token);
  }
}

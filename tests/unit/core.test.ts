import { BadRequestException, HttpException } from '@nestjs/common';
import { ValidationError } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { describeValidationErrors, DomainExceptionFilter, scopeAllowsSite } from '#core';
import { entityOf, IdentityError } from '#identity';
import { NetworkError } from '#network';
import { SnakeNamingStrategy } from '#db';
import { apiKeyMatches, generateApiKey } from '../../libs/identity/src/application/api-key-secret.js';

describe('error mapping', () => {
  const filter = new DomainExceptionFilter();

  it.each([
    [NetworkError.siteNotFound('x'), 404, 'site_not_found'],
    [NetworkError.siteNameTaken('x'), 409, 'site_name_taken'],
    [NetworkError.unknownPartner('x'), 400, 'unknown_partner'],
    [IdentityError.invalidCredentials(), 401, 'invalid_credentials'],
    [IdentityError.forbidden(), 403, 'forbidden'],
    [IdentityError.rateLimited(60), 429, 'rate_limited'],
  ])('maps %s to %i', (error, status, code) => {
    const response = filter.toResponse(error);
    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe(code);
  });

  it('maps Fastify client errors wrapped by Nest by their code', () => {
    const cause = Object.assign(new Error('bad json'), {
      code: 'FST_ERR_CTP_INVALID_JSON_BODY',
      statusCode: 400,
    });
    expect(filter.toResponse(new HttpException('bad json', 400, { cause })).body.error.code).toBe(
      'invalid_json',
    );
    expect(filter.toResponse(new BadRequestException('nope')).status).toBe(400);
  });

  it('never leaks an unexpected error', () => {
    const response = filter.toResponse(new Error('duplicate key (phone)=(+33612345678)'));
    expect(response.status).toBe(500);
    expect(JSON.stringify(response.body)).not.toContain('+336');
  });

  it('describes nested validation errors by field path', () => {
    const child = Object.assign(new ValidationError(), {
      property: 'at',
      constraints: { isDate: 'at must be a date' },
    });
    const parent = Object.assign(new ValidationError(), {
      property: 'events',
      children: [Object.assign(new ValidationError(), { property: '0', children: [child] })],
    });
    expect(describeValidationErrors([parent])).toEqual([
      { field: 'events.0.at', problems: ['at must be a date'] },
    ]);
  });
});

describe('site scope', () => {
  const site = { id: 's1', partnerId: 'p1' };
  it('allows everything when unrestricted, and only matching partner/sites otherwise', () => {
    expect(scopeAllowsSite({}, site)).toBe(true);
    expect(scopeAllowsSite({ partnerId: 'p1' }, site)).toBe(true);
    expect(scopeAllowsSite({ partnerId: 'p2' }, site)).toBe(false);
    expect(scopeAllowsSite({ siteIds: ['s2'] }, site)).toBe(false);
    expect(scopeAllowsSite({ partnerId: 'p1', siteIds: ['s1'] }, site)).toBe(true);
  });
});

describe('audit entity names', () => {
  it.each([
    ['/api/v1/sites/:id', 'sites'],
    ['/api/v1/sites/:id/seats', 'sites.seats'],
    ['/api/v1/api-keys/:id/revoke', 'api-keys.revoke'],
  ])('%s -> %s', (route, entity) => expect(entityOf(route)).toBe(entity));
});

describe('api key secrets', () => {
  it('matches only the exact key', () => {
    const { key, secretHash } = generateApiKey();
    expect(key).toMatch(/^plt_[a-z0-9]{10}_[A-Za-z0-9_-]{32}$/);
    expect(apiKeyMatches(key, secretHash)).toBe(true);
    expect(apiKeyMatches(`${key.slice(0, -1)}x`, secretHash)).toBe(key.endsWith('x'));
  });
});

describe('naming strategy', () => {
  it('maps camelCase to snake_case', () => {
    const naming = new SnakeNamingStrategy();
    expect(naming.columnName('installedSeats', undefined, [])).toBe('installed_seats');
    expect(naming.joinColumnName('partner', 'id')).toBe('partner_id');
  });
});

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Page, pageOf } from '#core';
import { ApiKey } from '../domain/api-key.entity.js';
import { IdentityError } from '../domain/identity.error.js';
import { AccessRevocations } from './access-revocations.js';
import { generateApiKey } from './api-key-secret.js';
import { ApiKeyQuery, CreateApiKeyDto } from './identity.dto.js';

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly revocations: AccessRevocations,
  ) {}

  /** Creates a key for one partner; the returned `key` is never retrievable again. */
  async create(command: CreateApiKeyDto, createdBy: string | null): Promise<{ apiKey: ApiKey; key: string }> {
    const [partner] = await this.dataSource.query('SELECT 1 FROM partner WHERE id = $1', [command.partnerId]);
    if (!partner) throw IdentityError.unknownPartner(command.partnerId);
    const { key, prefix, secretHash } = generateApiKey();
    const keys = this.dataSource.getRepository(ApiKey);
    const saved = await keys.save(keys.create({ ...command, prefix, secretHash, createdBy }));
    return { apiKey: (await keys.findOneBy({ id: saved.id }))!, key };
  }

  async list(query: ApiKeyQuery): Promise<Page<ApiKey>> {
    const [items, total] = await this.dataSource.getRepository(ApiKey).findAndCount({
      where: query.partnerId ? { partnerId: query.partnerId } : {},
      order: { createdAt: 'DESC' },
      take: query.limit,
      skip: query.offset,
    });
    return pageOf(items, total, query);
  }

  async revoke(id: string): Promise<ApiKey> {
    const keys = this.dataSource.getRepository(ApiKey);
    const apiKey = await keys.findOneBy({ id });
    if (!apiKey) throw IdentityError.apiKeyNotFound(id);
    if (!apiKey.revokedAt) await keys.update(id, { revokedAt: new Date() });
    this.revocations.revoked({ type: 'api_key', id });
    return (await keys.findOneBy({ id }))!;
  }
}

import { Injectable } from '@nestjs/common';
import { Page, pageOf } from '#core';
import { ApiKey } from '../domain/api-key.entity.js';
import { IdentityError } from '../domain/identity.error.js';
import { IdentityStore } from '../store/identity.store.js';
import { AccessRevocations } from './access-revocations.js';
import { generateApiKey } from './api-key-secret.js';
import { ApiKeyQuery, CreateApiKeyDto } from './identity.dto.js';
import { ReferenceChecks } from './network-references.port.js';

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly store: IdentityStore,
    private readonly revocations: AccessRevocations,
    private readonly references: ReferenceChecks,
  ) {}

  /** Creates a key for one partner; the returned `key` is never retrievable again. */
  async create(command: CreateApiKeyDto, createdBy: string | null): Promise<{ apiKey: ApiKey; key: string }> {
    await this.references.partner(command.partnerId);
    const { key, prefix, secretHash } = generateApiKey();
    const apiKey = await this.store.insertApiKey({
      partnerId: command.partnerId,
      name: command.name,
      prefix,
      secretHash,
      createdBy,
    });
    return { apiKey, key };
  }

  async list(query: ApiKeyQuery): Promise<Page<ApiKey>> {
    const [items, total] = await this.store.apiKeysPage(query.partnerId, query);
    return pageOf(items, total, query);
  }

  async revoke(id: string): Promise<ApiKey> {
    let apiKey = await this.store.apiKey(id);
    if (!apiKey) throw IdentityError.apiKeyNotFound(id);
    if (!apiKey.revokedAt) apiKey = await this.store.revokeApiKey(id, new Date());
    this.revocations.revoked({ type: 'api_key', id });
    return apiKey;
  }
}

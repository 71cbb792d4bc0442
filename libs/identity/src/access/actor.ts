import type { SiteScope } from '#core';
import { Role } from './role.js';

/** Who is calling: a signed-in user or a partner system's API key. */
export interface Actor {
  readonly type: 'user' | 'api_key';
  readonly id: string;
  readonly role: Role;
  /** Set for partner users and API keys: the only partner whose data they touch. */
  readonly partnerId?: string;
  /** Set for supervisors scoped to some sites. */
  readonly siteIds?: readonly string[];
  readonly label: string;
  /** When the credential stops being valid (epoch ms): a JWT's expiry; API keys last until revoked. */
  readonly expiresAt?: number;
}

export function scopeOf(actor: Actor): SiteScope {
  return {
    ...(actor.partnerId ? { partnerId: actor.partnerId } : {}),
    ...(actor.siteIds?.length ? { siteIds: actor.siteIds } : {}),
  };
}

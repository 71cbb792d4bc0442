import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { IdentityError } from '../domain/identity.error.js';

/**
 * Port: whether the partner and sites a user or an API key names exist. The network context owns
 * the partner and site tables and sits above identity in the context map: it provides this port
 * (its SiteDirectory), and identity looks it up in the running app, so identity never queries them.
 */
export abstract class NetworkReferences {
  abstract partnerExists(id: string): Promise<boolean>;
  /** the sites with these ids that exist, in any order */
  abstract sitesByIds(ids: readonly string[]): Promise<ReadonlyArray<{ id: string }>>;
}

/** Checks the partner and sites named by a user or key, through the network's NetworkReferences. */
@Injectable()
export class ReferenceChecks {
  private references?: NetworkReferences;

  constructor(private readonly modules: ModuleRef) {}

  async partner(id: string | undefined): Promise<void> {
    if (id && !(await this.network().partnerExists(id))) throw IdentityError.unknownPartner(id);
  }

  async sites(ids: readonly string[] | undefined): Promise<void> {
    if (!ids?.length) return;
    const found = new Set((await this.network().sitesByIds(ids)).map((site) => site.id));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length) throw IdentityError.unknownSite(missing);
  }

  /** Found once in the running app: every app that writes users or keys loads the network. */
  private network(): NetworkReferences {
    this.references ??= this.modules.get(NetworkReferences, { strict: false });
    return this.references;
  }
}

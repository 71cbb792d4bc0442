import { Injectable } from '@nestjs/common';
import { Clock } from '#core';
import { DispatchStore } from './dispatch.store.js';

export interface ExpiryResult {
  leases: number;
  contacts: number;
}

/**
 * The `campaigns.expire-leases` job: leases past their expiry queue their unreported contacts
 * again (unless suppressed meanwhile), release the consumers and give the sites' shares back, in
 * one transaction. Running it twice is harmless (a lease expires once; reported contacts are not touched).
 */
@Injectable()
export class LeaseExpiry {
  constructor(
    private readonly store: DispatchStore,
    private readonly clock: Clock,
  ) {}

  async expire(at: Date = this.clock.now()): Promise<ExpiryResult> {
    return this.store.transaction(async (tx) => {
      const expired = await tx.expireDue(at);
      if (!expired.length) return { leases: 0, contacts: 0 };
      const released = await tx.requeueUnreported(expired);
      await tx.releaseAssignments(released);
      return { leases: expired.length, contacts: released.reduce((sum, row) => sum + row.contacts, 0) };
    });
  }
}

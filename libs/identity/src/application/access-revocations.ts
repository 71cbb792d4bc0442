import { Injectable } from '@nestjs/common';
import type { Actor } from '../access/actor.js';

/**
 * Whose access ended: a user (disabled, re-scoped, new password), an API key (revoked), or a
 * read-only wall link (revoked by its owner; links belong to the wallboard context).
 */
export interface RevokedPrincipal {
  type: Actor['type'] | 'wall_share';
  id: string;
}

/**
 * Tells the holders of long-lived connections (the live gateway's sockets) that a principal's
 * access ended, so they close what it opened. Each listener reaches its own nodes (the gateway
 * through the socket.io adapter, so every api node with REDIS_URL).
 */
@Injectable()
export class AccessRevocations {
  private readonly listeners = new Set<(principal: RevokedPrincipal) => void>();

  onRevoked(listener: (principal: RevokedPrincipal) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  revoked(principal: RevokedPrincipal): void {
    for (const listener of this.listeners) listener(principal);
  }
}

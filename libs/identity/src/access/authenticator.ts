import type { Actor } from './actor.js';

/**
 * Turns a credential (`Bearer <jwt>` or `ApiKey <key>`) into an Actor, or throws an
 * IdentityError. One implementation serves HTTP requests and socket.io handshakes.
 */
export abstract class Authenticator {
  abstract authenticate(authorization: string | undefined, origin?: { ip?: string }): Promise<Actor>;
}

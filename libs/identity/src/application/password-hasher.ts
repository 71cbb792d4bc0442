import { Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';

/** argon2id password hashes (OWASP parameters: 19 MiB, 2 iterations). */
@Injectable()
export class PasswordHasher {
  private readonly options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };
  /** Verified against when the email is unknown, so both failures take the same time. */
  private decoy?: Promise<string>;

  hash(password: string): Promise<string> {
    return hash(password, this.options);
  }

  async verify(hashed: string | undefined, password: string): Promise<boolean> {
    if (!hashed) {
      this.decoy ??= this.hash('decoy-password-for-timing');
      await verify(await this.decoy, password).catch(() => false);
      return false;
    }
    return verify(hashed, password).catch(() => false);
  }
}

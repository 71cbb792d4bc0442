import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '#config';
import { EmbeddedPostgres } from './embedded-postgres.js';

/**
 * Where the database is: the DATABASE_URL server, or an embedded PostgreSQL server this process
 * starts (and stops on shutdown).
 */
@Injectable()
export class DatabaseLocation implements OnApplicationShutdown {
  private embedded?: EmbeddedPostgres;

  constructor(private readonly config: AppConfig) {}

  async url(): Promise<string> {
    if (this.config.DATABASE_URL) return this.config.DATABASE_URL;
    this.embedded ??= await EmbeddedPostgres.start(this.config.DATA_DIR);
    return this.embedded.url;
  }

  get isEmbedded(): boolean {
    return !this.config.DATABASE_URL;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.embedded?.stop();
    this.embedded = undefined;
  }
}

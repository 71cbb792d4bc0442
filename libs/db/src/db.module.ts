import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { AppConfig } from '#config';
import { dataSourceOptions } from './data-source-options.js';
import { DatabaseLocation } from './database-location.js';
import { migrateUnderLock, MigrationError } from './migrate.js';

@Global()
@Module({ providers: [DatabaseLocation], exports: [DatabaseLocation] })
class DatabaseLocationModule {}

/**
 * TypeORM on the DATABASE_URL server or the embedded one; migrations run at boot unless
 * RUN_MIGRATIONS=false, under an advisory lock (processes starting together take turns). A failed
 * migration stops the start with its own message instead of being retried as a connection error.
 */
@Module({
  imports: [
    DatabaseLocationModule,
    TypeOrmModule.forRootAsync({
      inject: [AppConfig, DatabaseLocation],
      useFactory: async (config: AppConfig, location: DatabaseLocation) => ({
        ...dataSourceOptions(await location.url()),
        autoLoadEntities: true,
        migrationsRun: config.RUN_MIGRATIONS,
        retryAttempts: 3,
        retryDelay: 500,
        toRetry: (error: unknown) => !(error instanceof MigrationError),
      }),
      dataSourceFactory: async (options?: DataSourceOptions) => {
        const dataSource = await new DataSource({ ...options!, migrationsRun: false }).initialize();
        if (options?.migrationsRun)
          await migrateUnderLock(dataSource).catch(async (error: unknown) => {
            await dataSource.destroy().catch(() => undefined);
            throw error;
          });
        return dataSource;
      },
    }),
  ],
  exports: [DatabaseLocationModule],
})
export class DbModule {}

import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '#config';
import { dataSourceOptions } from './data-source-options.js';
import { DatabaseLocation } from './database-location.js';

@Global()
@Module({ providers: [DatabaseLocation], exports: [DatabaseLocation] })
class DatabaseLocationModule {}

/** TypeORM on the DATABASE_URL server or the embedded one; migrations run at boot unless RUN_MIGRATIONS=false. */
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
      }),
    }),
  ],
  exports: [DatabaseLocationModule],
})
export class DbModule {}

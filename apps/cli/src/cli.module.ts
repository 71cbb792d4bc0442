import { Module } from '@nestjs/common';
import { AppConfig } from '#config';
import { PlatformModule } from '#platform';
import { DemoModule } from '#demo';
import { IdentityModule } from '#identity';
import { LiveModule } from '#live';
import { NetworkModule } from '#network';

@Module({})
export class CliModule {
  static with(config: AppConfig) {
    return {
      module: CliModule,
      imports: [
        PlatformModule.forRoot(config, { processJobs: false, logging: false }),
        IdentityModule,
        NetworkModule,
        LiveModule,
        DemoModule,
      ],
    };
  }
}

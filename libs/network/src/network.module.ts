import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NetworkReferences } from '#identity';
import { Partner } from './domain/partner.entity.js';
import { Seat } from './domain/seat.entity.js';
import { Site } from './domain/site.entity.js';
import { PartnersService } from './application/partners.service.js';
import { SeatsService } from './application/seats.service.js';
import { SiteDirectory } from './application/site-directory.js';
import { SitesService } from './application/sites.service.js';
import { PartnersController } from './http/partners.controller.js';
import { SitesController } from './http/sites.controller.js';
import { NetworkStore } from './store/network.store.js';

const services = [PartnersService, SitesService, SeatsService, SiteDirectory];

/** Partners, sites and seats: the domain, without HTTP (worker, cli). */
@Module({
  imports: [TypeOrmModule.forFeature([Partner, Site, Seat])],
  // SiteDirectory is also identity's NetworkReferences port (do a user's partner and sites exist)
  providers: [NetworkStore, ...services, { provide: NetworkReferences, useExisting: SiteDirectory }],
  exports: [NetworkReferences, ...services],
})
export class NetworkModule {}

/** The network's REST routes, for the api. */
@Module({ imports: [NetworkModule], controllers: [PartnersController, SitesController] })
export class NetworkHttpModule {}

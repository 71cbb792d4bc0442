import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ActivityView, SharedWallView, WallShareCreated, WallShareView, WallView } from '#contracts';
import { ApiErrorResponses, type SiteScope, UuidParam } from '#core';
import { type Actor, Allow, ALL_ROLES, CallerScope, CurrentActor, Public, Role } from '#identity/access';
import { LiveQueryService, LiveScopeQuery } from '#live';
import { ActivityService } from '../application/activity.service.js';
import { type WallOwner, WallsService } from '../application/walls.service.js';
import { WallboardError } from '../domain/wallboard.error.js';
import { ShareWallDto, WallLayoutDto } from './wallboard.dto.js';

const USER_ROLES = [Role.Admin, Role.Manager, Role.Supervisor, Role.Partner];
/** Plain JSON: the global ValidationPipe skips it, `parseWallLayout` checks it. */
type WallBody = unknown;

function ownerOf(actor: Actor, scope: SiteScope): WallOwner {
  if (actor.type !== 'user') throw WallboardError.usersOnly();
  return { userId: actor.id, scope };
}

@ApiTags('wallboard')
@Controller()
export class WallboardController {
  constructor(
    private readonly activity: ActivityService,
    private readonly query: LiveQueryService,
    private readonly walls: WallsService,
  ) {}

  @Get('live/activity')
  @Allow(...ALL_ROLES)
  @ApiOperation({
    summary: 'Activity of the network, a partner, a site or a campaign (what `activity.changed` carries)',
    description:
      'Attempts per hour, reach rate, conversion, average handle time (talk + wrap-up seat-minutes per attempt), ' +
      'occupancy and seats staffed over the last hour, the hour before and the same hour last week; contacts the ' +
      'calling rules hold back now; a minute trend of the last two hours. For a network, partner or site: agents ' +
      'the capacity plan needs at their seats this interval against seats live now, and productive hours ' +
      'delivered against hours requested today so far.',
  })
  @ApiOkResponse({ description: 'ActivityView' })
  @ApiErrorResponses(400, 403, 404)
  async scope(@CallerScope() scope: SiteScope, @Query() query: LiveScopeQuery): Promise<ActivityView> {
    return this.activity.view(await this.query.authorize(scope, query));
  }

  @Get('walls/mine')
  @Allow(...USER_ROLES)
  @ApiOperation({ summary: 'The signed-in user’s wall (a default one until saved)' })
  @ApiOkResponse({ description: 'WallView' })
  @ApiErrorResponses(403)
  async mine(@CurrentActor() actor: Actor, @CallerScope() scope: SiteScope): Promise<WallView> {
    return this.walls.mine(ownerOf(actor, scope));
  }

  @Put('walls/mine')
  @Allow(...USER_ROLES)
  @ApiOperation({
    summary: 'Save the signed-in user’s wall: tiles in order, sizes, thresholds',
    description: 'All or nothing: a bad tile, or one showing what the user may not see, refuses the wall.',
  })
  @ApiBody({ type: WallLayoutDto })
  @ApiOkResponse({ description: 'WallView' })
  @ApiErrorResponses(400, 403, 404)
  async save(
    @CurrentActor() actor: Actor,
    @CallerScope() scope: SiteScope,
    @Body() body: WallBody,
  ): Promise<WallView> {
    return this.walls.save(ownerOf(actor, scope), body);
  }

  @Get('walls/mine/shares')
  @Allow(...USER_ROLES)
  @ApiOperation({ summary: 'The read-only links of the user’s wall (tokens are never shown again)' })
  @ApiOkResponse({ description: 'WallShareView[]' })
  @ApiErrorResponses(403)
  async shares(@CurrentActor() actor: Actor, @CallerScope() scope: SiteScope): Promise<WallShareView[]> {
    return this.walls.shares(ownerOf(actor, scope));
  }

  @Post('walls/mine/shares')
  @Allow(...USER_ROLES)
  @ApiOperation({
    summary: 'A read-only link to the user’s wall, for a screen in the room',
    description: 'The token (shown once) reads this wall only, with its owner’s rights, until revoked.',
  })
  @ApiBody({ type: ShareWallDto })
  @ApiOkResponse({ description: 'WallShareCreated' })
  @ApiErrorResponses(400, 403, 404)
  async share(
    @CurrentActor() actor: Actor,
    @CallerScope() scope: SiteScope,
    @Body() body: ShareWallDto,
  ): Promise<WallShareCreated> {
    return this.walls.share(ownerOf(actor, scope), body.label);
  }

  @Delete('walls/mine/shares/:id')
  @HttpCode(200)
  @Allow(...USER_ROLES)
  @ApiOperation({ summary: 'Revoke a read-only link: its screen stops reading the wall at once' })
  @ApiOkResponse({ description: 'WallShareView' })
  @ApiErrorResponses(400, 403, 404)
  async revoke(
    @CurrentActor() actor: Actor,
    @CallerScope() scope: SiteScope,
    @Param('id', UuidParam) id: string,
  ): Promise<WallShareView> {
    return this.walls.revoke(ownerOf(actor, scope), id);
  }

  @Get('walls/shared')
  @Public()
  @ApiOperation({
    summary: 'The wall a read-only link shows, with every tile’s figures',
    description:
      'The same token opens the /live socket (auth: {wallToken}) for the wall’s tiles only: read this once, ' +
      'then follow the socket.',
  })
  @ApiHeader({ name: 'x-wall-token', required: true, description: 'the token of a share link' })
  @ApiOkResponse({ description: 'SharedWallView' })
  @ApiErrorResponses(401)
  async shared(@Headers('x-wall-token') token: string | undefined): Promise<SharedWallView> {
    return this.walls.shared(token);
  }
}

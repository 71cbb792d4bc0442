import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost, ModuleRef } from '@nestjs/core';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Redis } from 'ioredis';
import { Namespace, Server, Socket } from 'socket.io';
import { AppConfig } from '#config';
import type {
  ClientToServerEvents,
  LiveHandshakeAuth,
  LiveSubscription,
  ServerToClientEvents,
  SubscribeAck,
} from '#contracts';
import { DomainError, logSafeMessage, type SiteScope } from '#core';
import { AccessRevocations } from '#identity';
import { type Actor, Authenticator, scopeOf } from '#identity/access';
import { RedisConnection, withPublishFailuresHandled } from '#redis';
import { LIVE_NAMESPACE, LiveRooms } from '../domain/live-rooms.js';
import { LiveBroadcaster, socketIoRedisKey } from '../application/live-broadcaster.js';
import { LiveMetrics } from '../application/live-metrics.js';
import { LiveQueryService } from '../application/live-query.service.js';
import { WALL_LINK_PRINCIPAL, type WallLinkAccess, WallLinks } from '../application/wall-links.js';
import { LiveError } from '../domain/live.error.js';

interface SocketData {
  /** who opened it (a user or an API key); absent on a wall link's socket */
  actor?: Actor;
  /** The handshake's credential, checked again on every subscribe. */
  credential?: string;
  /** a read-only wall link's socket: its token (checked again on every subscribe) and its access */
  wall?: { token: string; access: WallLinkAccess };
}

/** The room of every socket one principal opened: revoking it disconnects them all, on every node. */
export const principalRoom = (principal: { type: string; id: string }) =>
  `principal:${principal.type}:${principal.id}`;

/** setTimeout's longest delay (about 24.8 days); a later expiry is re-armed. */
const MAX_TIMER_MS = 2 ** 31 - 1;

type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type LiveNamespace = Namespace<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/**
 * socket.io on the api's HTTP server, namespace `/live`. The handshake authenticates with the
 * identity layer (`auth: {token}` or `{apiKey}`); `subscribe` checks the scope and acks with a
 * snapshot or an error (never a silent join); deltas follow through the room. With REDIS_URL the
 * Redis adapter joins every api node, so an update emitted on one reaches clients on all.
 */
@Injectable()
export class LiveGateway implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(LiveGateway.name);
  private io?: Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
  private redisClients: Redis[] = [];

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly config: AppConfig,
    private readonly redis: RedisConnection,
    private readonly authenticator: Authenticator,
    private readonly query: LiveQueryService,
    private readonly broadcaster: LiveBroadcaster,
    private readonly metrics: LiveMetrics,
    private readonly revocations: AccessRevocations,
    private readonly modules: ModuleRef,
  ) {}

  private stopRevocations?: () => void;
  /** read-only wall links (the wallboard's port), where the process has them */
  private walls: WallLinks | null = null;

  onApplicationBootstrap(): void {
    const httpServer = this.adapterHost.httpAdapter?.getHttpServer();
    if (!httpServer) return;
    try {
      this.walls = this.modules.get(WallLinks, { strict: false });
    } catch {
      this.walls = null;
    }
    const origins = this.config.corsOrigins;
    this.io = new Server(httpServer, {
      serveClient: false,
      cors: origins.length ? { origin: origins, credentials: true } : undefined,
    });
    if (this.config.REDIS_URL) {
      this.redisClients = [this.redis.duplicate(), this.redis.duplicate()];
      const publisher = withPublishFailuresHandled(this.redisClients[0], (error) =>
        this.logger.warn(`a live update was not published to the other nodes: ${logSafeMessage(error)}`),
      );
      this.io.adapter(createAdapter(publisher, this.redisClients[1], { key: socketIoRedisKey(this.config) }));
    }
    const namespace: LiveNamespace = this.io.of(LIVE_NAMESPACE);
    namespace.use((socket, next) => {
      this.authenticate(socket).then(
        () => next(),
        (error: unknown) => next(connectError(error)),
      );
    });
    namespace.on('connection', (socket) => this.connected(socket));
    // with the Redis adapter, disconnectSockets on a room reaches the sockets of every api node
    this.stopRevocations = this.revocations.onRevoked((principal) =>
      namespace.in(principalRoom(principal)).disconnectSockets(true),
    );
    this.broadcaster.attach({
      emit: (rooms, event, payload) =>
        namespace.to(rooms).emit(event, ...([payload] as Parameters<ServerToClientEvents[typeof event]>)),
    });
  }

  /**
   * Closes after every module's destroy hook, so the publisher's final drain still reaches
   * clients; from then on nothing is emitted through the closing adapter.
   */
  async beforeApplicationShutdown(): Promise<void> {
    const io = this.io;
    if (!io) return;
    this.io = undefined;
    this.stopRevocations?.();
    this.broadcaster.detach();
    io.of(LIVE_NAMESPACE).disconnectSockets(true);
    await Promise.allSettled([...io._nsps.values()].map((namespace) => namespace.adapter.close()));
    io.engine.close();
    await Promise.allSettled(this.redisClients.map((client) => client.quit()));
  }

  private async authenticate(socket: LiveSocket): Promise<void> {
    const auth = (socket.handshake.auth ?? {}) as LiveHandshakeAuth;
    if (auth.wallToken !== undefined) {
      // a wall link, whatever else is sent: it never gains a user's or a key's rights
      const access = await this.wallAccess(auth.wallToken);
      socket.data.wall = { token: auth.wallToken as string, access };
      return;
    }
    const credential =
      typeof auth.token === 'string' && auth.token
        ? `Bearer ${auth.token}`
        : typeof auth.apiKey === 'string' && auth.apiKey
          ? `ApiKey ${auth.apiKey}`
          : undefined;
    socket.data.credential = credential;
    socket.data.actor = await this.authenticator.authenticate(credential, { ip: socket.handshake.address });
  }

  private connected(socket: LiveSocket): void {
    this.metrics.socketConnected();
    if (socket.data.wall) return this.wallConnected(socket, socket.data.wall);
    void socket.join(principalRoom(socket.data.actor!));
    const expiry = this.disconnectAtExpiry(socket);
    socket.on('disconnect', () => {
      clearTimeout(expiry.timer);
      this.metrics.socketDisconnected();
    });
    socket.on('subscribe', (request, ack) => {
      if (typeof ack !== 'function') return;
      this.subscribe(socket, request).then(ack, (error: unknown) =>
        ack({ ok: false, error: this.describe(error) }),
      );
    });
    socket.on('unsubscribe', (request, ack) => {
      this.query
        .authorize(scopeOf(socket.data.actor!), request)
        .then(async ({ room }) => {
          await socket.leave(room);
          if (typeof ack === 'function') ack({ ok: true });
        })
        .catch(() => (typeof ack === 'function' ? ack({ ok: false }) : undefined));
    });
  }

  /** A token's socket closes when the token expires: the client reconnects with a fresh one. */
  private disconnectAtExpiry(socket: LiveSocket): { timer?: NodeJS.Timeout } {
    const expiry: { timer?: NodeJS.Timeout } = {};
    const arm = () => {
      const expiresAt = socket.data.actor!.expiresAt;
      if (expiresAt === undefined) return;
      const wait = expiresAt - Date.now();
      expiry.timer =
        wait > MAX_TIMER_MS ? setTimeout(arm, MAX_TIMER_MS) : setTimeout(() => socket.disconnect(true), wait);
      expiry.timer.unref();
    };
    arm();
    return expiry;
  }

  /**
   * Checks the credential again (revoked key, disabled user, expired token are refused, and the
   * socket closed), then authorises with the caller's current scope, joins, then reads the
   * snapshot: a delta emitted meanwhile has a seq the client can compare.
   */
  private async subscribe(socket: LiveSocket, request: LiveSubscription): Promise<SubscribeAck> {
    try {
      socket.data.actor = await this.authenticator.authenticate(socket.data.credential, {
        ip: socket.handshake.address,
      });
    } catch (error) {
      setImmediate(() => socket.disconnect(true));
      throw error;
    }
    const resolved = await this.query.authorize(scopeOf(socket.data.actor!), request);
    await socket.join(resolved.room);
    try {
      return { ok: true, snapshot: await this.query.figures(resolved) };
    } catch (error) {
      await socket.leave(resolved.room);
      throw error;
    }
  }

  /** A wall token's access now, through the wallboard's port (none in a process without it). */
  private async wallAccess(token: unknown): Promise<WallLinkAccess> {
    if (!this.walls || typeof token !== 'string') throw LiveError.wallLinkRefused();
    return this.walls.access(token);
  }

  /**
   * A wall link's socket: read-only, in its link's and its owner's principal rooms (revoking the
   * link, or disabling or re-scoping the owner, closes it on every node), in the owner's alert
   * mirrors when the wall shows alerts; it may subscribe only to its tiles' scopes, joining their
   * mirrors, never the rooms other dashboards use.
   */
  private wallConnected(
    socket: LiveSocket,
    { token, access }: { token: string; access: WallLinkAccess },
  ): void {
    socket.on('disconnect', () => this.metrics.socketDisconnected());
    void socket.join([
      principalRoom({ type: WALL_LINK_PRINCIPAL, id: access.shareId }),
      principalRoom({ type: 'user', id: access.ownerId }),
    ]);
    if (access.alerts) void socket.join(alertRoomsOf(access.ownerScope).map(LiveRooms.wallAlerts));
    socket.on('subscribe', (request, ack) => {
      if (typeof ack !== 'function') return;
      this.wallSubscribe(socket, token, request).then(ack, (error: unknown) =>
        ack({ ok: false, error: this.describe(error) }),
      );
    });
    socket.on('unsubscribe', (request, ack) => {
      this.wallAccess(token)
        .then((current) => this.query.authorize(current.ownerScope, request))
        .then(async ({ room }) => {
          await socket.leave(LiveRooms.wall(room));
          if (typeof ack === 'function') ack({ ok: true });
        })
        .catch(() => (typeof ack === 'function' ? ack({ ok: false }) : undefined));
    });
  }

  /**
   * The link is checked again (a revoked link's socket closes); the scope must be one of its
   * wall's tiles, within the owner's rights; the snapshot has the figures without the seats.
   */
  private async wallSubscribe(
    socket: LiveSocket,
    token: string,
    request: LiveSubscription,
  ): Promise<SubscribeAck> {
    let access: WallLinkAccess;
    try {
      access = await this.wallAccess(token);
    } catch (error) {
      setImmediate(() => socket.disconnect(true));
      throw error;
    }
    const shown = access.scopes.some(
      (tile) =>
        !!request &&
        typeof request === 'object' &&
        tile.scope === request.scope &&
        tile.id === (request.scope === 'network' ? null : (request.id ?? null)),
    );
    if (!shown) throw LiveError.notOnWall();
    const resolved = await this.query.authorize(access.ownerScope, request);
    await socket.join(LiveRooms.wall(resolved.room));
    try {
      const { epoch, scope, id, totals, sites, at } = await this.query.delta(resolved);
      return { ok: true, snapshot: { epoch, scope, id, totals, sites, at } };
    } catch (error) {
      await socket.leave(LiveRooms.wall(resolved.room));
      throw error;
    }
  }

  private describe(error: unknown): { code: string; message: string } {
    if (error instanceof DomainError) return { code: error.code, message: error.message };
    this.logger.error(`subscribe failed: ${logSafeMessage(error)}`);
    return { code: 'internal_error', message: 'Something went wrong on our side; it has been logged.' };
  }
}

/** The rooms whose alerts a wall owner sees: the network, its partner's, or its sites'. */
function alertRoomsOf(scope: SiteScope): string[] {
  if (scope.siteIds?.length) return scope.siteIds.map(LiveRooms.site);
  if (scope.partnerId) return [LiveRooms.partner(scope.partnerId)];
  return [LiveRooms.network];
}

/** A refused handshake: the client's `connect_error` has the message and `data: {code, message}`. */
function connectError(error: unknown): Error & { data: { code: string; message: string } } {
  const known = error instanceof DomainError;
  const message = known ? error.message : 'Authentication failed.';
  return Object.assign(new Error(message), {
    data: { code: known ? error.code : 'unauthenticated', message },
  });
}

import { logSafeMessage } from '#core';
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Emitter } from '@socket.io/redis-emitter';
import { AppConfig } from '#config';
import type { ServerToClientEvents } from '#contracts';
import { RedisConnection, withPublishFailuresHandled } from '#redis';
import { LIVE_NAMESPACE } from '../domain/live-rooms.js';

type EventName = keyof ServerToClientEvents;
type PayloadOf<E extends EventName> = Parameters<ServerToClientEvents[E]>[0];

/** Something that can emit to socket.io rooms: the api's namespace, or a Redis emitter. */
export interface BroadcastTarget {
  emit<E extends EventName>(rooms: string[], event: E, payload: PayloadOf<E>): void;
}

/** The key socket.io's Redis adapter and emitters share (per REDIS_PREFIX, so test runs stay apart). */
export function socketIoRedisKey(config: AppConfig): string {
  return `${config.REDIS_PREFIX}:socket.io`;
}

/**
 * Where live updates go. In the api the socket.io gateway attaches its namespace (which
 * reaches every node through the Redis adapter); processes without sockets (worker, cli) emit
 * through @socket.io/redis-emitter when REDIS_URL is set, and emit nowhere in embedded mode.
 */
@Injectable()
export class LiveBroadcaster implements OnApplicationShutdown {
  private target?: BroadcastTarget;
  private emitted = 0;

  constructor(config: AppConfig, redis: RedisConnection) {
    if (redis.client) {
      const logger = new Logger(LiveBroadcaster.name);
      const publisher = withPublishFailuresHandled(redis.client, (error) =>
        logger.warn(`a live update was not published: ${logSafeMessage(error)}`),
      );
      const emitter = new Emitter<ServerToClientEvents>(publisher, { key: socketIoRedisKey(config) }).of(
        LIVE_NAMESPACE,
      );
      this.target = {
        emit: (rooms, event, payload) =>
          void emitter
            .to(rooms)
            .emit(event, ...([payload] as Parameters<ServerToClientEvents[typeof event]>)),
      };
    }
  }

  attach(target: BroadcastTarget): void {
    this.target = target;
  }

  /** Stops emitting (the attached target is closing). */
  detach(): void {
    this.target = undefined;
  }

  emit<E extends EventName>(rooms: string[], event: E, payload: PayloadOf<E>): void {
    if (!this.target || !rooms.length) return;
    this.emitted++;
    this.target.emit(rooms, event, payload);
  }

  get emittedCount(): number {
    return this.emitted;
  }

  onApplicationShutdown(): void {
    this.detach();
  }
}

import { EventEmitter } from 'node:events';
import { Injectable } from '@nestjs/common';
import type { DomainEventMap, DomainEventName } from '#contracts';

export type DomainEventListener = <E extends DomainEventName>(name: E, payload: DomainEventMap[E]) => void;

/**
 * In-process publish/subscribe of domain events. Domain services publish after their
 * transaction commits; the live layer subscribes and forwards to sockets (across nodes
 * through Redis when REDIS_URL is set).
 */
@Injectable()
export class EventBus {
  private readonly emitter = new EventEmitter().setMaxListeners(100);

  publish<E extends DomainEventName>(name: E, payload: DomainEventMap[E]): void {
    this.emitter.emit(name, payload);
    this.emitter.emit('*', name, payload);
  }

  on<E extends DomainEventName>(name: E, listener: (payload: DomainEventMap[E]) => void): () => void {
    this.emitter.on(name, listener);
    return () => this.emitter.off(name, listener);
  }

  /** Every event, with its name. */
  onAny(listener: DomainEventListener): () => void {
    this.emitter.on('*', listener);
    return () => this.emitter.off('*', listener);
  }
}

import type { Redis } from 'ioredis';

/**
 * socket.io's Redis adapter and emitter call `publish` without waiting for it, so a publish on
 * a closed or failing connection becomes an unhandled rejection that would stop the process.
 * This view of the client hands such failures to `onError` instead; every other command and
 * event is the client's own.
 */
export function withPublishFailuresHandled(client: Redis, onError: (error: Error) => void): Redis {
  return new Proxy(client, {
    get(target, property) {
      if (property === 'publish')
        return (...args: Parameters<Redis['publish']>) =>
          target.publish(...args).catch((error: Error) => {
            onError(error);
            return 0;
          });
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' && property !== 'constructor' ? value.bind(target) : value;
    },
  });
}

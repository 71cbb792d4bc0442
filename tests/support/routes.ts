import type { INestApplication } from '@nestjs/common';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';

export interface RegisteredRoute {
  controller: Function; // eslint-disable-line @typescript-eslint/no-unsafe-function-type
  handler: Function; // eslint-disable-line @typescript-eslint/no-unsafe-function-type
  name: string;
  method: string;
  /** path as written in the decorators, joined: `sites/:id/seats` */
  path: string;
}

/** Every route handler registered in the app, read from Nest's own metadata. */
export function registeredRoutes(app: INestApplication): RegisteredRoute[] {
  const scanner = new MetadataScanner();
  const modules = app.get(ModulesContainer);
  const controllers = [...modules.values()].flatMap((module) => [...module.controllers.values()]);
  return controllers.flatMap((wrapper) => {
    const prototype = Object.getPrototypeOf(wrapper.instance);
    const base = String(Reflect.getMetadata(PATH_METADATA, wrapper.metatype as object) ?? '');
    return scanner.getAllMethodNames(prototype).flatMap((methodName) => {
      const handler = prototype[methodName];
      const path = Reflect.getMetadata(PATH_METADATA, handler);
      if (path === undefined) return [];
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
      return [
        {
          controller: wrapper.metatype as Function, // eslint-disable-line @typescript-eslint/no-unsafe-function-type
          handler,
          name: `${wrapper.name}.${methodName}`,
          method,
          path: [base, String(path)]
            .map((part) => part.replace(/^\/|\/$/g, ''))
            .filter(Boolean)
            .join('/'),
        },
      ];
    });
  });
}

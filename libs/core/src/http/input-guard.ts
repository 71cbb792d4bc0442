import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import { RequestError, RequestErrorCode } from '../errors/request-error.js';

/** Deeper JSON than this is refused before validation (Plateau's own bodies nest 3 levels). */
export const MAX_INPUT_DEPTH = 32;

/** A lone UTF-16 surrogate: not a character, so not text PostgreSQL or a validator can take. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Text PostgreSQL can store and validators can read: no NUL character, no lone surrogate. */
export function isStorableText(text: string): boolean {
  return !text.includes('\u0000') && !LONE_SURROGATE.test(text);
}

export interface InputProblem {
  code: RequestErrorCode.NestingTooDeep | RequestErrorCode.InvalidText;
  field: string;
}

/**
 * The first problem of a request value that no field validation should ever see: nesting
 * deeper than `maxDepth` (class-transformer recurses and overflows the stack) or a string or
 * key that is not storable text. Walks with its own stack, so any depth is safe to inspect.
 */
export function findInputProblem(
  value: unknown,
  root: string,
  maxDepth = MAX_INPUT_DEPTH,
): InputProblem | undefined {
  const stack: Array<[unknown, string, number]> = [[value, root, 0]];
  while (stack.length) {
    const [current, field, depth] = stack.pop()!;
    if (typeof current === 'string') {
      if (!isStorableText(current)) return { code: RequestErrorCode.InvalidText, field };
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (depth >= maxDepth) return { code: RequestErrorCode.NestingTooDeep, field };
    for (const [key, child] of Object.entries(current)) {
      const path = field ? `${field}.${key}` : key;
      if (!isStorableText(key)) return { code: RequestErrorCode.InvalidText, field: path };
      stack.push([child, path, depth + 1]);
    }
  }
  return undefined;
}

const WHERE: Partial<Record<ArgumentMetadata['type'], string>> = { body: '', query: 'query', param: 'path' };

/**
 * The first global pipe: the body, query and path parameters of every route are refused with a
 * 400 when nested too deep or holding text that cannot be stored (NUL, lone surrogate), before
 * class-transformer, class-validator or PostgreSQL see them.
 */
@Injectable()
export class InputGuardPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const where = WHERE[metadata.type];
    if (where === undefined) return value;
    const root = metadata.data ? (where ? `${where}.${metadata.data}` : metadata.data) : where;
    const problem = findInputProblem(value, root);
    if (!problem) return value;
    const field = problem.field || 'body';
    throw RequestError.invalid(
      problem.code,
      problem.code === RequestErrorCode.NestingTooDeep
        ? `The input is nested deeper than ${MAX_INPUT_DEPTH} levels (at ${field}).`
        : `${field} holds a NUL character or an unpaired surrogate: send valid Unicode text.`,
      [{ field, problems: [problem.code] }],
    );
  }
}

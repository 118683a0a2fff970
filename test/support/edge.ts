import type * as z from 'zod';
import { DomainError } from '#core/errors';
import { parseOrThrow } from '#http/request';

/**
 * What a route does before its use case runs: parses the body with the route's schema (defaults and
 * normalisation applied), or throws the 400 the client would get (field paths as the use case names
 * them; the route puts them under `body.`). Use cases take only parsed input.
 */
export const atEdge = <S extends z.ZodType>(schema: S, body: z.input<S>): z.output<S> => parseOrThrow(schema, body, '');

/** The code a body gets at the edge: `ok` when it parses, else the refusal's (VALIDATION). */
export function edgeCode(schema: z.ZodType, body: unknown): string {
  try {
    parseOrThrow(schema, body, 'body');
    return 'ok';
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
}

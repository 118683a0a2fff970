import * as z from 'zod';
import type { IdPrefix } from '#core/ids';
import { Ref } from '#core/records/standard-fields';
import { DEFAULT_LIMIT, MAX_LIMIT } from '#core/paging';

export const PageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT).describe(`Page size, 1 to ${MAX_LIMIT}.`),
  cursor: z.string().min(1).max(2048).optional().describe('Opaque cursor from the previous page.'),
});

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page.') });

export const idParam = (prefix: IdPrefix) => z.strictObject({ id: Ref(prefix) });

export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.string(),
  detail: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

export const Timestamp = z.iso.datetime();

import { monotonicFactory } from 'ulid';

const ulid = monotonicFactory();

export type IdPrefix = 'ten' | 'key' | 'usr' | 'lead' | 'con' | 'com' | 'deal' | 'pipe' | 'stg' | 'fld' | 'opt' | 'evt' | 'req' | 'doc' | 'ver' | 'upl' | 'shl' | 'rel';

export const newId = (prefix: IdPrefix): string => `${prefix}_${ulid()}`;

/** Crockford base32, as ULIDs are written: no I, L, O or U. */
export const ULID = '[0-9A-HJKMNP-TV-Z]{26}';

export const idPattern = (prefix: IdPrefix): RegExp => new RegExp(`^${prefix}_${ULID}$`);

export const now = (): string => new Date().toISOString();

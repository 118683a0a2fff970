import { monotonicFactory } from 'ulid';

const ulid = monotonicFactory();

export type IdPrefix = 'ten' | 'key' | 'usr' | 'lead' | 'con' | 'com' | 'deal' | 'pipe' | 'stg' | 'fld' | 'opt' | 'evt' | 'req';

export const newId = (prefix: IdPrefix): string => `${prefix}_${ulid()}`;

export const now = (): string => new Date().toISOString();

import { monotonicFactory } from 'ulid';

const ulid = monotonicFactory();

export type IdPrefix = 'ten' | 'key' | 'usr' | 'lead' | 'con' | 'com' | 'deal' | 'pipe' | 'stg' | 'fld' | 'opt' | 'evt' | 'req';

export const newId = (prefix: IdPrefix): string => `${prefix}_${ulid()}`;

export const isId = (prefix: IdPrefix, value: string): boolean => new RegExp(`^${prefix}_[0-9A-HJKMNP-TV-Z]{26}$`).test(value);

export const now = (): string => new Date().toISOString();

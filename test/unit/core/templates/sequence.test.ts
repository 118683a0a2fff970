import { describe, expect, it } from 'vitest';
import { DomainError } from '#core/errors';
import { checkPrefix, formatNumber, periodOf } from '#core/templates/sequence';

describe('numbering sequences', () => {
  it('fills date parts of the prefix from the document date and pads the counter', () => {
    expect(formatNumber({ prefix: 'INV-{YYYY}-', padding: 4 }, 7, '2026-03-09')).toBe('INV-2026-0007');
    expect(formatNumber({ prefix: '{YY}{MM}{DD}/', padding: 2 }, 123, '2026-03-09')).toBe('260309/123');
    expect(formatNumber({ prefix: '', padding: 0 }, 1, '2026-03-09')).toBe('1');
  });

  it('restarts yearly or monthly counters by period', () => {
    expect(periodOf('never', '2026-03-09')).toBe('all');
    expect(periodOf('yearly', '2026-03-09')).toBe('2026');
    expect(periodOf('monthly', '2026-03-09')).toBe('2026-03');
  });

  it('refuses unknown date parts', () => {
    expect(() => checkPrefix('INV-{YYYY}-{MM}-')).not.toThrow();
    expect(() => checkPrefix('INV-{HH}-')).toThrow(DomainError);
    expect(() => checkPrefix('INV-{YYYY')).toThrow(/Unknown date part/);
  });
});

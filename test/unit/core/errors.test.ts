import { describe, expect, it } from 'vitest';
import { DomainError } from '#core/errors';
import { WriteConflict } from '#core/write-conflict';

// Step Functions matches a task's failure by the thrown error's name (Catch/Retry ErrorEquals).
describe('domain errors as workflows see them', () => {
  it('are named by their code and stay DomainErrors', () => {
    const e = new DomainError('NOT_FOUND', 'No deal with id deal_1.');
    expect(e.name).toBe('NOT_FOUND');
    expect(e).toBeInstanceOf(DomainError);
    expect(e).toBeInstanceOf(Error);
    expect(String(e)).toBe('NOT_FOUND: No deal with id deal_1.');
  });

  it('name write conflicts by their code too, so a workflow retries UNAVAILABLE whatever raised it', () => {
    expect(new WriteConflict('transaction', 'busy').name).toBe('UNAVAILABLE');
    expect(new WriteConflict('version', 'stale').name).toBe('VERSION_CONFLICT');
    expect(new WriteConflict('version', 'stale')).toBeInstanceOf(DomainError);
  });
});

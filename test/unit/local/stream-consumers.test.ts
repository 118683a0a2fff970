import { describe, expect, it } from 'vitest';
import { streamFunctionIds } from '#infra/catalog';
import { streamConsumersFrom } from '#infra/local/runtime';

describe('DOSSIER_STREAM_CONSUMERS', () => {
  it('runs every consumer when unset or empty', () => {
    expect(streamConsumersFrom(undefined)).toBeUndefined();
    expect(streamConsumersFrom(' ')).toBeUndefined();
  });

  it('names the consumers to run, comma-separated', () => {
    expect(streamConsumersFrom('webhook-fan-out')).toEqual(['webhook-fan-out']);
    expect(streamConsumersFrom(' webhook-fan-out , search-indexer')).toEqual(['webhook-fan-out', 'search-indexer']);
  });

  it('refuses an unknown id, naming the known ones', () => {
    expect(() => streamConsumersFrom('webhook-fan-out,search')).toThrow(
      `DOSSIER_STREAM_CONSUMERS names search; the stream's consumers are ${streamFunctionIds.join(', ')}.`,
    );
  });
});

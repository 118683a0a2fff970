import { BatchWriteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { documentClient, tableName } from '#store/dynamo/client';
import { skPrefix, successor, typedSkPrefix } from '#store/dynamo/key-prefix';
import { useLocalRuntimeFromThisProcess } from '../in-process-store';

// Prefix lookups are BETWEEN ranges (see key-prefix.ts): they must find what begins_with finds,
// whatever follows the prefix (multi-byte, astral, U+FFFF) and whatever sorts beside it.
const pk = `TEST#key-prefix#${Date.now()}`;
// Keys as the product makes them: a value, then `#<id>`.
const keys = [
  'S#ann#1',
  'S#ann@x.io#2',
  'S#anna#3',
  'S#ann\u00e9#4',
  'S#ann\uffff#5',
  'S#ann\u{1f600}#6',
  'S#ann\u{10fffe}#7',
  'S#ano#8',
  'S#an#9',
  'S#am\u{1f600}#10',
  'S#ann\u00ea#11',
  'T#ann#12',
];

const found = async (prefix: string) => {
  const { Items } = await documentClient().send(
    new QueryCommand({ TableName: tableName(), ...skPrefix(pk, prefix), ConsistentRead: true }),
  );
  return (Items ?? []).map((i) => i.sk as string).sort();
};
const startingWith = (prefix: string) => keys.filter((k) => k.startsWith(prefix)).sort();

describe('key prefix ranges', () => {
  beforeAll(async () => {
    useLocalRuntimeFromThisProcess();
    await documentClient().send(
      new BatchWriteCommand({
        RequestItems: { [tableName()]: keys.map((sk) => ({ PutRequest: { Item: { pk, sk } } })) },
      }),
    );
  });

  it.each(['S#', 'S#an', 'S#ann', 'S#ann#', 'S#ann\u00e9', 'S#ann\u{1f600}', 'S#ano', 'S#zzz', 'T#'])(
    'finds exactly the keys that start with %j',
    async (prefix) => {
      expect(await found(prefix)).toEqual(startingWith(prefix));
    },
  );

  it('includes its upper end, which is why a typed prefix is checked again by its caller', async () => {
    // 'S#ann#1' is the end of the range for the prefix 'S#ann#0'.
    expect(successor('S#ann#0')).toBe('S#ann#1');
    expect(await found('S#ann#0')).toEqual(['S#ann#1']);
    const typed = typedSkPrefix(pk, 'S#ann#0');
    const { Items } = await documentClient().send(
      new QueryCommand({ TableName: tableName(), ...typed.query, ConsistentRead: true }),
    );
    expect((Items ?? []).filter(typed.keeps)).toEqual([]);
  });

  it('moves the last character one code point up, past surrogates and carrying over U+10FFFF', () => {
    expect(successor('TL#')).toBe('TL$');
    expect(successor('S#ann\u00e9')).toBe('S#ann\u00ea');
    expect(successor('a\ud7ff')).toBe('a\ue000');
    expect(successor('a\u{1f600}')).toBe('a\u{1f601}');
    expect(successor('ab\u{10ffff}')).toBe('ac');
    expect(() => successor('')).toThrow(/empty/);
  });
});

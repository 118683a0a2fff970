/**
 * "`attr` starts with `prefix`" as a key condition: `attr BETWEEN :name AND :nameEnd`.
 *
 * Why not begins_with as the key condition: DynamoDB Local answers it by reading the whole
 * partition (measured on this machine: 2.5 ms a lookup at 1,000 items, 13 ms at 80,000, so intake
 * slowed down as leads piled up) but BETWEEN through its index (about 1 ms at any size). On
 * DynamoDB both are the same key condition at the same cost.
 *
 * The upper end is the prefix with its last character one code point higher: the least string
 * above every string that starts with the prefix (DynamoDB orders strings by UTF-8 bytes, which is
 * code point order). BETWEEN includes that end, so a key equal to it would be read too. Keys put a
 * `#<id>` after every prefix, so for a constant prefix ending in `#` the end (`…$`) is never a key;
 * a caller whose prefix a user typed drops what `keeps` refuses (DynamoDB filters cannot name key
 * attributes).
 */
export function keyPrefix(attr: string, name: string, prefix: string) {
  return {
    cond: `${attr} BETWEEN ${name} AND ${name}End`,
    values: { [name]: prefix, [`${name}End`]: successor(prefix) } as Record<string, unknown>,
    keeps: (item: Record<string, unknown>) => String(item[attr]).startsWith(prefix),
  };
}

/** The least string greater than every string starting with `prefix`. */
export function successor(prefix: string): string {
  const chars = [...prefix];
  while (chars.length) {
    const last = chars.pop()!.codePointAt(0)!;
    if (last < 0x10ffff) {
      const next = last + 1 === 0xd800 ? 0xe000 : last + 1;
      return chars.join('') + String.fromCodePoint(next);
    }
  }
  throw new Error('A key prefix cannot be empty or only U+10FFFF.');
}

/**
 * A Query's key condition for the items of partition `pk` whose sort key starts with `prefix`, and
 * the check its items still need when a user typed the prefix (see keyPrefix).
 */
export function typedSkPrefix(pk: string, prefix: string) {
  const range = keyPrefix('sk', ':from', prefix);
  return {
    query: {
      KeyConditionExpression: `pk = :pk AND ${range.cond}`,
      ExpressionAttributeValues: { ':pk': pk, ...range.values },
    },
    keeps: range.keeps,
  };
}

/** The key condition alone, for a constant prefix ending in `#`. */
export const skPrefix = (pk: string, prefix: string) => typedSkPrefix(pk, prefix).query;

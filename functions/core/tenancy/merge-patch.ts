type Json = unknown;

const isPlainObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * RFC 7396 JSON merge patch: members of `patch` replace those of `target`, `null` removes one,
 * nested objects merge. An object left empty becomes `undefined`, so nothing empty is stored.
 */
export function mergePatch<T>(target: T | undefined, patch: Json): T | undefined {
  if (patch === undefined) return target;
  if (!isPlainObject(patch)) return patch === null ? undefined : (patch as T);
  const result: Record<string, Json> = isPlainObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    const merged = mergePatch(result[key], value);
    if (merged === undefined) delete result[key];
    else result[key] = merged;
  }
  return Object.keys(result).length > 0 ? (result as T) : undefined;
}

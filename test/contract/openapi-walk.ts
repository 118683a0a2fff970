// Walking the OpenAPI document the way the tests read it: a local $ref followed to its node, and the
// component schemas a node reaches through $refs.

type Json = Record<string, any>;

/** The node a local reference (`#/components/schemas/Deal`, `#/paths/~1v1~1deals/...`) names in the document. */
export function resolveRef(doc: Json, ref: string): Json {
  return ref
    .slice(2)
    .split('/')
    .reduce((node: Json, part) => node[part.replaceAll('~1', '/').replaceAll('~0', '~')], doc);
}

/** Every component schema `node` reaches through $refs (itself included when it is one), added to `seen`. */
export function reachableSchemas(doc: Json, node: unknown, seen = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => reachableSchemas(doc, n, seen));
  else if (node && typeof node === 'object')
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/')) {
        const name = v.split('/').at(-1)!;
        if (!seen.has(name)) {
          seen.add(name);
          reachableSchemas(doc, doc.components.schemas[name], seen);
        }
      } else reachableSchemas(doc, v, seen);
    }
  return seen;
}

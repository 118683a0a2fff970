import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

// No import cycle crosses folders of functions/ (issue 20's measures): in core the CORE_LEVELS lint
// forbids one; this holds the other layers to it too (http/<capability>/ importing each other's
// schemas both ways made documents, quota and records one knot). A folder is a layer's capability
// (`http/records`) or a layer's root (`http/`, with its middleware: both are the HTTP stack's
// plumbing). Type-only imports are left out: they are gone at run time, and a Lambda's wiring
// names its routes' deps type by design (wiring/x-api.ts satisfies XApiDeps from http/x/api-routes.ts).

const LAYERS = ['core', 'store', 'http', 'tasks', 'events', 'wiring', 'observability'];

function folderOf(file: string): string {
  const [, layer, second, third] = file.split('/');
  if (second === undefined) return 'functions/';
  if (third === undefined || (layer === 'http' && second === 'middleware')) return `${layer}/`;
  return `${layer}/${second}`;
}

/** The file an import names: `#core/x/y` and relative paths; packages and `#config` are not folders of ours. */
function target(from: string, spec: string): string | undefined {
  if (spec.startsWith('#')) {
    const [alias, ...rest] = spec.slice(1).split('/');
    return LAYERS.includes(alias) && rest.length ? `functions/${alias}/${rest.join('/')}.ts` : undefined;
  }
  if (spec.startsWith('.')) return normalize(join(dirname(from), spec)).replace(/(\.ts)?$/, '.ts');
  return undefined;
}

const RUNTIME_IMPORT = /^(?:import|export)(?!\s+type\b)[^'";]*?from\s+'([^']+)'|\bimport\(\s*'([^']+)'\s*\)/gm;

function folderGraph(root = 'functions'): Map<string, Set<string>> {
  const files = (readdirSync(root, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(root, f));
  const graph = new Map<string, Set<string>>();
  for (const file of files) {
    const from = folderOf(file);
    for (const m of readFileSync(file, 'utf8').matchAll(RUNTIME_IMPORT)) {
      const to = target(file, m[1] ?? m[2]);
      if (!to?.startsWith('functions/') || folderOf(to) === from) continue;
      graph.set(from, (graph.get(from) ?? new Set()).add(folderOf(to)));
    }
  }
  return graph;
}

/** Strongly connected components with more than one folder (Tarjan): each is an import cycle. */
function cycles(graph: Map<string, Set<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return found;
}

describe('imports across folders', () => {
  it('sees the imports it must: a route module imports core, a Lambda entry its wiring', () => {
    const graph = folderGraph();
    expect(graph.get('http/records')).toContain('core/records');
    expect(graph.get('http/records')).toContain('wiring/');
    expect(graph.get('wiring/')).toContain('store/records');
  });

  it('finds a cycle where there is one', () => {
    const graph = new Map([
      ['http/a', new Set(['http/b'])],
      ['http/b', new Set(['http/c'])],
      ['http/c', new Set(['http/a', 'core/x'])],
    ]);
    expect(cycles(graph)).toEqual([['http/a', 'http/b', 'http/c']]);
  });

  it('form no cycle in functions/: one folder imports another only one way', () => {
    expect(cycles(folderGraph())).toEqual([]);
  });
});

import { HELPER_NAMES } from '#core/templates/helpers';
import { closest } from '#core/templates/lint-helpers';
import type { JsonSchema } from '#core/templates/data-schema';
import type { SourcePart } from '#core/templates/template';
import type { TemplateWarning } from '#core/templates/warnings';

// Walks the parsed template with a stack of the schemas in scope (`#each` pushes the item schema,
// `#with` the object's), so `{{name}}` inside `{{#each lineItems}}` is checked against a line item.
// Anything the schema leaves open (custom fields) or that a helper computes is not guessed at.

const ANY: JsonSchema = {};
type Node = hbs.AST.Node & Record<string, any>;

function child(schema: JsonSchema, part: string): JsonSchema | undefined {
  if (schema === ANY || (!schema.properties && !schema.items)) return ANY;
  if (schema.type === 'array' && schema.items)
    return /^\d+$/.test(part) ? schema.items : part === 'length' ? ANY : undefined;
  const found = schema.properties?.[part];
  if (found) return found;
  return schema.additionalProperties ? ANY : undefined;
}

function resolve(
  path: Node,
  scopes: JsonSchema[],
  blockParams: ReadonlyMap<string, JsonSchema> = new Map(),
): { schema?: JsonSchema; unknownAt?: number; parent?: JsonSchema; parts?: string[] } {
  let parts: string[] = path.parts;
  let schema: JsonSchema;
  const param = !path.data && path.depth === 0 && parts.length ? blockParams.get(parts[0]) : undefined;
  if (param) {
    schema = param;
    parts = parts.slice(1);
  } else if (path.data) {
    if (parts[0] !== 'root') return { schema: ANY };
    schema = scopes[0];
    parts = parts.slice(1);
  } else {
    schema = scopes[Math.max(0, scopes.length - 1 - path.depth)];
  }
  for (let i = 0; i < parts.length; i++) {
    const next = child(schema, parts[i]);
    if (!next) return { unknownAt: i, parent: schema, parts };
    schema = next;
  }
  return { schema };
}

export function lintVariables(ast: hbs.AST.Program, root: JsonSchema, part: SourcePart): TemplateWarning[] {
  const warnings: TemplateWarning[] = [];
  const scopes: JsonSchema[] = [root];
  // `{{#each lineItems as |item i|}}`: names a block gives its item and index, innermost last.
  let blockParams = new Map<string, JsonSchema>();

  const check = (path: Node): JsonSchema | undefined => {
    if (path.type !== 'PathExpression') return undefined;
    const { schema, unknownAt, parent, parts } = resolve(path, scopes, blockParams);
    if (unknownAt === undefined) return schema;
    // Custom fields are the tenant's own (check-template.ts closes `custom` to the fields its
    // schema has): a typo there is named as one, with the names it may have meant.
    if (parts?.[unknownAt - 1] === 'custom' && parent?.properties) {
      const near = closest(parts[unknownAt], Object.keys(parent.properties));
      warnings.push({
        kind: 'unknown-custom-field',
        part,
        line: path.loc?.start.line ?? 1,
        column: (path.loc?.start.column ?? 0) + 1,
        message: `"${path.original}": there is no custom field "${parts[unknownAt]}"${near.length ? `; did you mean ${near.map((n) => `"${n}"`).join(' or ')}?` : '.'}`,
        text: path.original,
        ...(near.length ? { suggestions: near } : {}),
      });
      return undefined;
    }
    warnings.push({
      kind: 'unknown-variable',
      part,
      line: path.loc?.start.line ?? 1,
      column: (path.loc?.start.column ?? 0) + 1,
      message: `"${path.original}" is not in the data of this template's entity.`,
      text: path.original,
    });
    return undefined;
  };
  const isHelperCall = (node: Node): boolean =>
    node.path.type === 'PathExpression' &&
    !node.path.data &&
    node.path.parts.length === 1 &&
    (HELPER_NAMES.has(node.path.parts[0]) || node.params.length > 0);
  const args = (node: Node) => {
    for (const p of node.params) visitExpression(p);
    for (const pair of node.hash?.pairs ?? []) visitExpression(pair.value);
  };
  const visitExpression = (node: Node): JsonSchema | undefined => {
    if (node.type === 'SubExpression') {
      args(node);
      return ANY;
    }
    return check(node);
  };
  const visit = (node: Node | undefined): void => {
    if (!node) return;
    switch (node.type) {
      case 'Program':
        node.body.forEach(visit);
        return;
      case 'MustacheStatement':
        if (isHelperCall(node)) args(node);
        else visitExpression(node.path);
        return;
      case 'BlockStatement': {
        const name = node.path.type === 'PathExpression' && node.path.parts.length === 1 ? node.path.parts[0] : '';
        let inner: JsonSchema | undefined;
        if (HELPER_NAMES.has(name) || node.params.length) {
          const first = node.params[0] ? visitExpression(node.params[0]) : undefined;
          for (const p of node.params.slice(1)) visitExpression(p);
          if (name === 'each') inner = first?.type === 'array' ? (first.items ?? ANY) : ANY;
          else if (name === 'with') inner = first ?? ANY;
        } else {
          // `{{#lineItems}}…{{/lineItems}}`: a section over the value itself.
          const schema = visitExpression(node.path);
          inner = schema?.type === 'array' ? (schema.items ?? ANY) : (schema ?? ANY);
        }
        if (inner) scopes.push(inner);
        const outer = blockParams;
        const named: string[] = node.program?.blockParams ?? [];
        if (named.length) {
          blockParams = new Map(outer);
          named.forEach((n, i) => blockParams.set(n, i === 0 ? (inner ?? ANY) : ANY));
        }
        visit(node.program);
        blockParams = outer;
        if (inner) scopes.pop();
        visit(node.inverse);
        return;
      }
      default:
        return;
    }
  };
  visit(ast as Node);
  return warnings;
}

import type { SourcePart } from '#core/templates/template';
import type { TemplateWarning } from '#core/templates/warnings';

// Loops nested over the same list multiply: three `{{#each lineItems}}` over 200 lines are 8
// million iterations, far past the render budget (budget.ts). Two (every line against every line)
// can be meant; deeper is almost never, so the save warns (it still saves).

type Node = hbs.AST.Node & Record<string, any>;
const MAX_SAME_LIST_DEPTH = 2;

/** The list a block iterates, as an absolute path (`record.lineItems`), or undefined when not a plain path. */
function listOf(node: Node, scopes: string[][]): string[] | undefined {
  const name = node.path.type === 'PathExpression' && node.path.parts.length === 1 ? node.path.parts[0] : '';
  const target: Node | undefined = name === 'each' ? node.params[0] : node.params.length ? undefined : node.path;
  if (!target || target.type !== 'PathExpression') return undefined;
  if (target.data) return target.parts[0] === 'root' ? target.parts.slice(1) : undefined;
  const base = scopes[Math.max(0, scopes.length - 1 - target.depth)] ?? [];
  return [...base, ...target.parts];
}

export function lintNesting(ast: hbs.AST.Program, part: SourcePart): TemplateWarning[] {
  const warnings: TemplateWarning[] = [];
  const warned = new Set<string>();
  const scopes: string[][] = [[]];
  const open: string[] = []; // the lists of the loops around the current node

  const visit = (node: Node | undefined): void => {
    if (!node) return;
    if (node.type === 'Program') return node.body.forEach(visit);
    if (node.type !== 'BlockStatement') return;
    const list = listOf(node, scopes);
    const key = list?.join('.');
    if (key !== undefined) {
      open.push(key);
      const depth = open.filter((k) => k === key).length;
      if (depth > MAX_SAME_LIST_DEPTH && !warned.has(key)) {
        warned.add(key);
        warnings.push({
          kind: 'nested-loop',
          part,
          line: node.loc?.start.line ?? 1,
          column: (node.loc?.start.column ?? 0) + 1,
          message: `Loops over "${key}" are nested ${depth} deep: each level multiplies the work, and renders stop at the template budget.`,
          text: key,
        });
      }
      scopes.push([...list!, '[]']);
    }
    visit(node.program);
    if (key !== undefined) {
      scopes.pop();
      open.pop();
    }
    visit(node.inverse);
  };
  visit(ast as Node);
  return warnings;
}

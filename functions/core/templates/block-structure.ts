// Handlebars' parser reports a block left open at the end of the file ("Expecting
// 'OPEN_INVERSE_CHAIN', 'INVERSE', 'OPEN_ENDBLOCK', got 'EOF'"), where nothing is wrong; the
// author needs the line where the block opened. This pass reads only the `{{…}}` tags and their
// nesting, so when the parser fails it can say what is unclosed or closes nothing, and where.

export interface StructureProblem {
  line: number;
  column: number;
  message: string;
}

interface Tag {
  /** The tag as written, shortened for a message: `{{#each lineItems}}`. */
  text: string;
  name: string;
  line: number;
  column: number;
}

const shown = (tag: string) => (tag.length > 60 ? `${tag.slice(0, 57)}…}}` : tag);
/** `{{#each}}`: how a message names the block it means. */
const blockName = (name: string) => `\`{{#${name}}}\``;

export function blockStructure(source: string): StructureProblem | undefined {
  const lineStarts = [0];
  for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const position = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo] + 1 };
  };

  const open: Tag[] = [];
  let at = source.indexOf('{{');
  while (at >= 0) {
    if (source.startsWith('{{!--', at) || source.startsWith('{{~!--', at)) {
      const end = source.indexOf('--', source.indexOf('!--', at) + 3);
      const close = end < 0 ? -1 : source.indexOf('}}', end);
      if (close < 0)
        return {
          ...position(at),
          message: `The comment \`{{!--\` on line ${position(at).line} is never closed with \`--}}\`.`,
        };
      at = source.indexOf('{{', close + 2);
      continue;
    }
    const triple = source.startsWith('{{{', at);
    const closeAt = source.indexOf(triple ? '}}}' : '}}', at + 2);
    const nextOpen = source.indexOf('{{', at + 2 + (triple ? 1 : 0));
    if (closeAt < 0 || (nextOpen >= 0 && nextOpen < closeAt)) {
      const { line, column } = position(at);
      const rest = source.slice(at, nextOpen >= 0 ? nextOpen : undefined);
      const excerpt = rest.split('\n')[0].trim();
      return {
        line,
        column,
        message: `\`${shown(excerpt)}\` on line ${line} is never closed with \`${triple ? '}}}' : '}}'}\`.`,
      };
    }
    const end = closeAt + (triple ? 3 : 2);
    const text = source.slice(at, end).replace(/\s+/g, ' ');
    const inner = source
      .slice(at + (triple ? 3 : 2), closeAt)
      .replace(/^~/, '')
      .replace(/~$/, '')
      .trim();
    const { line, column } = position(at);
    const sigil = inner[0];
    if (!triple && (sigil === '#' || sigil === '/' || (sigil === '^' && inner.length > 1))) {
      const name = inner
        .slice(1)
        .replace(/^[>*]/, '')
        .trim()
        .split(/[\s}()]/)[0];
      if (sigil === '/') {
        const top = open.at(-1);
        if (!top)
          return {
            line,
            column,
            message: `\`${shown(text)}\` on line ${line} closes nothing: no block is open there.`,
          };
        if (top.name !== name) {
          const outer = open.findLastIndex((t) => t.name === name);
          const message =
            outer >= 0
              ? `\`${shown(text)}\` on line ${line} closes ${blockName(name)} of line ${open[outer].line}, but \`${shown(top.text)}\` opened on line ${top.line} is still open: close it first.`
              : `\`${shown(text)}\` on line ${line} closes nothing: ${blockName(top.name)} opened on line ${top.line} is the block open there.`;
          return { line, column, message };
        }
        open.pop();
      } else {
        open.push({ text, name, line, column });
      }
    }
    at = source.indexOf('{{', end);
  }
  const unclosed = open.at(-1);
  if (unclosed)
    return {
      line: unclosed.line,
      column: unclosed.column,
      message: `\`${shown(unclosed.text)}\` opened on line ${unclosed.line} is never closed: add \`{{/${unclosed.name}}}\`.`,
    };
  return undefined;
}

// What the parser's token names mean to a template author, for the errors the pass above does not explain.
const TOKENS: Record<string, string> = {
  CLOSE: '`}}` comes before the tag is complete',
  CLOSE_UNESCAPED: '`}}}` closes a tag opened with `{{`',
  CLOSE_SEXPR: '`)` closes nothing',
  INVERSE: '`{{else}}` is outside a block, or its block already has one',
  OPEN_INVERSE_CHAIN: '`{{else}}` is outside a block, or its block already has one',
  OPEN_ENDBLOCK: 'a closing `{{/…}}` closes nothing',
  EOF: 'the template ends inside an unfinished tag',
  INVALID: 'a character that cannot stand there inside `{{…}}` (an unclosed quote, or a tag left open)',
  EQUALS: '`=` without a name before it',
  SEP: 'a path separator (`.` or `/`) without a name around it',
  OPEN_SEXPR: '`(` where a name or value was expected',
  OPEN_BLOCK_PARAMS: '`as |…|` outside a block',
};

/** The parser's complaint in words: what it found, with the tag around the place. */
export function parserMessageInWords(raw: string, source: string, line: number, column: number): string {
  const got = /got '(\w+)'/.exec(raw)?.[1];
  const expectsOnly = /Expecting '(\w+)', got/.exec(raw)?.[1];
  let why: string;
  if (expectsOnly === 'EQUALS') why = 'arguments written `name=value` must all come after the plain ones';
  else if (expectsOnly === 'ID' && got === 'CLOSE') why = 'a name is missing after `@`';
  else if (got === 'CLOSE' && /'ID'/.test(raw)) why = 'a name or value is missing before `}}`';
  else why = (got && TOKENS[got]) ?? raw.replace(/'/g, '`');
  const lineText = source.split('\n')[line - 1] ?? '';
  const tagStart = lineText.lastIndexOf('{{', Math.max(0, column - 1));
  const tagEnd = lineText.indexOf('}}', column - 1);
  const tag = tagStart >= 0 ? lineText.slice(tagStart, tagEnd >= 0 ? tagEnd + 2 : undefined).trim() : '';
  return `Line ${line}, column ${column}: ${why}${tag ? ` in \`${shown(tag)}\`` : ''}.`;
}

import { Parser } from 'htmlparser2';
import type { TextBudget } from '#core/search/limits';

// The text of an XML part (WordprocessingML, SpreadsheetML, OpenDocument), read with a streaming
// parser: `textIn` names the elements whose text counts, `breakAt` those that end a line, `partAt`
// those that start a new part (a sheet) and the attribute naming it.

export interface XmlTextRules {
  textIn?: (element: string) => boolean;
  breakAt: (element: string) => boolean;
  tabAt?: (element: string) => boolean;
  partAt?: { element: string; nameAttribute: string };
}

export interface XmlPart {
  label?: string;
  text: string;
}

export function xmlText(xml: Buffer | string, rules: XmlTextRules, budget: TextBudget): XmlPart[] {
  const parts: XmlPart[] = [{ text: '' }];
  const open: boolean[] = [];
  let inside = 0;
  const add = (s: string) => (parts.at(-1)!.text += budget.take(s));
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        const counts = rules.textIn?.(name) ?? false;
        open.push(counts);
        if (counts) inside++;
        if (rules.partAt && name === rules.partAt.element)
          parts.push({ label: attrs[rules.partAt.nameAttribute] ?? `part ${parts.length}`, text: '' });
        if (rules.tabAt?.(name)) add('\t');
      },
      ontext(text) {
        if (!rules.textIn || inside > 0) add(text);
      },
      onclosetag(name) {
        if (open.pop()) inside--;
        if (rules.breakAt(name)) add('\n');
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(typeof xml === 'string' ? xml : xml.toString('utf8'));
  parser.end();
  return parts.filter((p) => p.text.trim() || p.label);
}

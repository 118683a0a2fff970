import { ExtractionFailed, type ExtractLimits, TextBudget } from '#core/search/limits';
import type { TextPart } from '#core/search/chunks';
import { unzipMembers } from '#store/search/extract/zip';
import { xmlText } from '#store/search/extract/xml-text';

// DOCX, ODT, XLSX and ODS are zips of XML: their text is read from the XML, with no office suite.

const member = (files: Map<string, Buffer>, name: string): Buffer => {
  const found = files.get(name);
  if (!found) throw new ExtractionFailed(`it has no ${name}`);
  return found;
};

export function docxText(bytes: Uint8Array, limits: ExtractLimits): TextPart[] {
  const wanted = (n: string) => /^word\/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$/.test(n);
  const files = unzipMembers(bytes, wanted, limits.inflateBytes);
  const budget = new TextBudget(limits.textBytes);
  const order = ['word/document.xml', ...[...files.keys()].filter((n) => n !== 'word/document.xml').sort()];
  member(files, 'word/document.xml');
  const text = order
    .flatMap((name) =>
      xmlText(
        files.get(name)!,
        { textIn: (e) => e === 'w:t', breakAt: (e) => e === 'w:p' || e === 'w:br', tabAt: (e) => e === 'w:tab' },
        budget,
      ),
    )
    .map((p) => p.text)
    .join('\n');
  return [{ text }];
}

export function odtText(bytes: Uint8Array, limits: ExtractLimits): TextPart[] {
  const files = unzipMembers(bytes, (n) => n === 'content.xml', limits.inflateBytes);
  const parts = xmlText(
    member(files, 'content.xml'),
    {
      textIn: (e) => e === 'office:body',
      breakAt: (e) => e === 'text:p' || e === 'text:h' || e === 'text:line-break',
      tabAt: (e) => e === 'text:tab',
    },
    new TextBudget(limits.textBytes),
  );
  return [{ text: parts.map((p) => p.text).join('\n') }];
}

export function odsText(bytes: Uint8Array, limits: ExtractLimits): TextPart[] {
  const files = unzipMembers(bytes, (n) => n === 'content.xml', limits.inflateBytes);
  return xmlText(
    member(files, 'content.xml'),
    {
      textIn: (e) => e === 'text:p',
      breakAt: (e) => e === 'table:table-row',
      tabAt: (e) => e === 'table:table-cell',
      partAt: { element: 'table:table', nameAttribute: 'table:name' },
    },
    new TextBudget(limits.textBytes),
  ).map((p) => ({ label: p.label && `sheet ${p.label}`, text: p.text }));
}

/** XLSX: each sheet's cells (shared strings, inline strings, values), labelled with the sheet's name. */
export function xlsxText(bytes: Uint8Array, limits: ExtractLimits): TextPart[] {
  const wanted = (n: string) =>
    n === 'xl/workbook.xml' ||
    n === 'xl/_rels/workbook.xml.rels' ||
    n === 'xl/sharedStrings.xml' ||
    /^xl\/worksheets\/[^/]+\.xml$/.test(n);
  const files = unzipMembers(bytes, wanted, limits.inflateBytes);
  const budget = new TextBudget(limits.textBytes);
  const shared = files.has('xl/sharedStrings.xml')
    ? [
        ...files
          .get('xl/sharedStrings.xml')!
          .toString('utf8')
          .matchAll(/<si>([\s\S]*?)<\/si>/g),
      ].map((m) =>
        xmlText(m[1]!, { textIn: (e) => e === 't', breakAt: () => false }, budget)
          .map((p) => p.text)
          .join(''),
      )
    : [];
  const targets = new Map(
    [...(files.get('xl/_rels/workbook.xml.rels')?.toString('utf8') ?? '').matchAll(/<Relationship\b[^>]*>/g)].map(
      (m) => [/Id="([^"]+)"/.exec(m[0])?.[1], /Target="([^"]+)"/.exec(m[0])?.[1]?.replace(/^\/?(xl\/)?/, 'xl/')],
    ),
  );
  const sheets = [
    ...member(files, 'xl/workbook.xml')
      .toString('utf8')
      .matchAll(/<sheet\b[^>]*>/g),
  ].map((m) => ({
    name: decodeXml(/name="([^"]*)"/.exec(m[0])?.[1] ?? ''),
    file: targets.get(/r:id="([^"]+)"/.exec(m[0])?.[1]),
  }));
  return sheets.flatMap(({ name, file }) => {
    const xml = file && files.get(file);
    if (!xml) return [];
    const cells = [...xml.toString('utf8').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)].map((c) => {
      const type = /\bt="([^"]+)"/.exec(c[1]!)?.[1];
      const body = c[2] ?? '';
      if (type === 'inlineStr')
        return xmlText(body, { textIn: (e) => e === 't', breakAt: () => false }, budget)
          .map((p) => p.text)
          .join('');
      const value = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1] ?? '';
      return type === 's' ? (shared[Number(value)] ?? '') : budget.take(decodeXml(value));
    });
    return [{ label: `sheet ${name}`, text: cells.filter(Boolean).join('\t') }];
  });
}

const decodeXml = (s: string): string =>
  s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) =>
    e[0] === '#'
      ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)))
      : ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" } as Record<string, string>)[e.toLowerCase()]!,
  );

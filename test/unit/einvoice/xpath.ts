import { createRequire } from 'node:module';

// The e-invoice tests read the XML back with SaxonJS's XPath 3.1, the engine the Schematron rules run
// on: it parses strictly (a malformed document throws) and its xs:decimal arithmetic is the rules'
// own, so a sum checked here is checked as BR-CO-10 checks it. Loaded untyped: saxon-js ships no
// declarations and the validator (functions/store/einvoice) owns the one the product uses.
const SaxonJS = createRequire(import.meta.url)('saxon-js') as {
  getResource(o: { text: string; type: 'xml' }): Promise<unknown>;
  XPath: { evaluate(expr: string, context: unknown, o: object): unknown };
};

const namespaceContext = {
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  inv: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
  cn: 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2',
};

export interface Reader {
  /** The XPath's value as a string (`string(...)` around it). */
  text(expr: string): string;
  /** Every item the XPath selects, each as a string. */
  all(expr: string): string[];
  /** An xs:boolean XPath. */
  check(expr: string): boolean;
}

export async function readXml(xml: string): Promise<Reader> {
  const doc = await SaxonJS.getResource({ text: xml, type: 'xml' });
  const evaluate = (expr: string, resultForm?: string) =>
    SaxonJS.XPath.evaluate(expr, doc, { namespaceContext, ...(resultForm ? { resultForm } : {}) });
  return {
    text: (expr) => String(evaluate(`string(${expr})`)),
    all: (expr) => (evaluate(`for $x in ${expr} return string($x)`, 'array') as unknown[]).map(String),
    check: (expr) => evaluate(`boolean(${expr})`) === true,
  };
}

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import SaxonJS, { type SaxonNode } from 'saxon-js';
import type { EInvoiceIssue, EInvoiceValidation, EInvoiceValidator } from '#core/einvoice/validation';
import { XMLLINT_OUT_OF_MEMORY, xmllintSchema, type SchemaFile } from '#store/einvoice/xmllint';

// The official rules, run as they are published: the UBL 2.1 XSD with libxml2 (xmllint-wasm, ./xmllint.ts), then
// the CEN EN 16931 and Peppol BIS Billing 3.0 Schematron, compiled to SaxonJS SEF files by
// einvoice/compile.ts and committed (nothing is compiled or fetched here).
//
// Where the files are: in a Lambda bundle, folders copied beside index.mjs (the catalog's
// `bundling.folders`: { 'einvoice-rules': 'einvoice/compiled', 'einvoice-xsd': 'einvoice/artefacts/ubl-2.1' });
// from source (tests, the local runtime), the project's einvoice/ folder. Both packages must be
// installed beside the bundle (`nodeModules: ['saxon-js', 'xmllint-wasm']`), not bundled: SaxonJS
// assigns undeclared globals, which an ES module bundle (strict mode) refuses at import
// ("abstractNode is not defined"), and xmllint's worker (./xmllint.ts) loads its wasm from the package folder.
// Checked with a throwaway bundle of this module: 5.7 KB of code, 17.5 MB unpacked with the rules
// (10.7 MB of SEF JSON), 1.8 MB compressed.
function folder(bundled: string, project: string): string {
  const beside = fileURLToPath(new URL(`${bundled}/`, import.meta.url));
  return existsSync(beside) ? beside : fileURLToPath(new URL(`../../../${project}/`, import.meta.url));
}

const SVRL = 'http://purl.oclc.org/dsdl/svrl';
const RULE_SETS = ['cen', 'peppol'] as const;
type RuleSet = (typeof RULE_SETS)[number];
const SEF_FILES: Record<RuleSet, string> = {
  cen: 'cen-en16931-ubl.sef.json',
  peppol: 'peppol-en16931-ubl.sef.json',
};

interface Loaded {
  sef: Record<RuleSet, unknown>;
  invoice: SchemaFile;
  creditNote: SchemaFile;
  common: SchemaFile[];
}

// Read once per process (a cold start: 10.7 MB of SEF JSON and 0.7 MB of XSD) and kept for every
// later call (warm). A failed read is not cached, so the next call tries again.
let loading: Promise<Loaded> | undefined;
function loaded(): Promise<Loaded> {
  return (loading ??= Promise.resolve()
    .then(load)
    .catch((e: unknown) => {
      loading = undefined;
      throw e;
    }));
}

function load(): Loaded {
  const rules = folder('einvoice-rules', 'einvoice/compiled');
  const xsd = folder('einvoice-xsd', 'einvoice/artefacts/ubl-2.1');
  // xmllint resolves the main schemas' imports (../common/…) in its in-memory file system: the files
  // keep their folders' names.
  const file = (name: string): SchemaFile => ({ fileName: name, contents: readFileSync(join(xsd, name), 'utf8') });
  return {
    sef: {
      cen: JSON.parse(readFileSync(join(rules, SEF_FILES.cen), 'utf8')),
      peppol: JSON.parse(readFileSync(join(rules, SEF_FILES.peppol), 'utf8')),
    },
    invoice: file('maindoc/UBL-Invoice-2.1.xsd'),
    creditNote: file('maindoc/UBL-CreditNote-2.1.xsd'),
    common: readdirSync(join(xsd, 'common'))
      .filter((name) => name.endsWith('.xsd'))
      .sort()
      .map((name) => file(`common/${name}`)),
  };
}

// The root element's name, to pick the schema: a CreditNote is checked against its own. Anything
// else is checked against Invoice's, whose "no matching global declaration" then names the problem.
const CREDIT_NOTE_ROOT = /^(?:\s|<\?[^]*?\?>|<!--[^]*?-->|<!DOCTYPE[^>]*>)*<(?:[\w.-]+:)?CreditNote[\s>/]/;

const DOCUMENT = 'e-invoice.xml';
// xmllint's error lines: "e-invoice.xml:8: Schemas validity error : Element '…': This element is not expected. …".
// Its other lines echo the offending source line and a caret, or sum up ("e-invoice.xml fails to validate").
const ERROR_LINE = /^e-invoice\.xml:(\d+): (.*)$/;

async function checkSchema(xml: string, files: Loaded): Promise<EInvoiceIssue[]> {
  const schema = CREDIT_NOTE_ROOT.test(xml) ? files.creditNote : files.invoice;
  try {
    const result = await xmllintSchema({ fileName: DOCUMENT, contents: xml }, schema, files.common);
    if (result.exitCode === 0) return [];
    // Out of memory, xmllint's error lines only echo where it stopped: say what happened instead.
    if (result.exitCode === XMLLINT_OUT_OF_MEMORY)
      return [xsdIssue('The document is too large for the schema check: xmllint ran out of memory.', '/')];
    const issues = result.stderr.flatMap((line) => {
      const m = ERROR_LINE.exec(line);
      return m ? [xsdIssue(m[2], `line ${m[1]}`)] : [];
    });
    return issues.length
      ? issues
      : [xsdIssue(`The document is not valid against the UBL 2.1 schema. ${result.stderr.join(' ')}`, '/')];
  } catch (e) {
    // Only an internal failure (the worker died): still the document's answer, not a throw.
    return [xsdIssue(`The schema check failed: ${e instanceof Error ? e.message : String(e)}`, '/')];
  }
}

const xsdIssue = (message: string, path: string): EInvoiceIssue => ({
  rule: 'XSD',
  message: message.replace(/\s+/g, ' ').trim(),
  path,
  flag: 'fatal',
});

/** Each failed assert (and each successful report, Schematron's other way to flag) of one rule set, from its SVRL. */
function runRules(sef: unknown, source: SaxonNode): EInvoiceIssue[] {
  const svrl = SaxonJS.transform({ stylesheetInternal: sef, sourceNode: source, destination: 'document' }, 'sync');
  const found = SaxonJS.XPath.evaluate('//svrl:failed-assert | //svrl:successful-report', svrl.principalResult, {
    namespaceContext: { svrl: SVRL },
    resultForm: 'array',
  });
  return found.map((node) => ({
    rule: node.getAttribute('id') ?? '',
    message: (node.textContent ?? '').replace(/\s+/g, ' ').trim(),
    path: readablePath(node.getAttribute('location') ?? ''),
    // The Schematron marks every rule fatal or warning; an unmarked one is treated as fatal (never silently passed).
    flag: node.getAttribute('flag') === 'warning' ? 'warning' : 'fatal',
  }));
}

// SchXslt writes locations in Clark notation (/Q{urn:…:Invoice-2}Invoice[1]/Q{urn:…:CommonAggregateComponents-2}…):
// written with UBL's usual prefixes they read as the document does (/Invoice[1]/cac:LegalMonetaryTotal[1]).
const PREFIXES: Record<string, string> = {
  'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2': 'cac:',
  'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2': 'cbc:',
  'urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2': 'ext:',
  'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2': '',
  'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2': '',
};
const readablePath = (location: string): string =>
  location.replace(/Q\{([^}]*)\}/g, (clark, uri: string) => PREFIXES[uri] ?? clark);

const outcome = (issues: EInvoiceIssue[], ms: { xsd: number; cen: number; peppol: number }): EInvoiceValidation => {
  const errors = issues.filter((i) => i.flag === 'fatal');
  return { valid: errors.length === 0, errors, warnings: issues.filter((i) => i.flag === 'warning'), ms };
};

export const eInvoiceValidator: EInvoiceValidator = {
  async validate(xml) {
    const files = await loaded();
    const ms = { xsd: 0, cen: 0, peppol: 0 };
    const start = performance.now();
    const schemaIssues = await checkSchema(xml, files);
    ms.xsd = performance.now() - start;
    // The Schematron rules assume a schema-valid document (they test paths the schema guarantees):
    // an XSD error is the answer on its own. One after the other, not side by side (xmllint runs in a
    // worker thread): each stage's time is then its own, and a Lambda below 1,769 MB has one vCPU anyway.
    if (schemaIssues.length) return outcome(schemaIssues, ms);
    return outcome(await runRuleSets(xml, files, ms), ms);
  },
};

async function runRuleSets(xml: string, files: Loaded, ms: Record<RuleSet, number>): Promise<EInvoiceIssue[]> {
  let start = performance.now();
  let source: SaxonNode;
  try {
    // Parsed once for both rule sets (its time counts in cen's).
    source = await SaxonJS.getResource({ text: xml, type: 'xml' });
  } catch (e) {
    // The schema check parsed it first, so this is SaxonJS's parser refusing what libxml2 accepted.
    const message = `The document could not be read for the rules: ${e instanceof Error ? e.message : String(e)}`;
    return [{ rule: 'SCHEMATRON', message, path: '/', flag: 'fatal' }];
  }
  const issues: EInvoiceIssue[] = [];
  for (const set of RULE_SETS) {
    try {
      issues.push(...runRules(files.sef[set], source));
    } catch (e) {
      // A rule set that stops on this document (a dynamic XPath error) has not passed it: fatal, named.
      const message = `The ${set === 'cen' ? 'EN 16931' : 'Peppol'} rules could not run on this document: ${e instanceof Error ? e.message : String(e)}`;
      issues.push({ rule: 'SCHEMATRON', message, path: '/', flag: 'fatal' });
    }
    ms[set] = performance.now() - start;
    start = performance.now();
  }
  return issues;
}

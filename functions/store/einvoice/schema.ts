import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EInvoiceIssue, EInvoiceValidation, EInvoiceValidator } from '#core/einvoice/validation';
import { XMLLINT_OUT_OF_MEMORY, xmllintSchema, type SchemaFile } from '#store/einvoice/xmllint';

// The first of the official checks: the UBL 2.1 XSD with libxml2 (xmllint-wasm, ./xmllint.ts). It runs
// in the render workflow beside Chromium (render-einvoice), fast enough for the invoice's answer;
// the Schematron (./rules.ts) runs afterwards in a Lambda of its own (validate-einvoice).
//
// Where the files are: in a Lambda bundle, a folder copied beside index.mjs (the catalog's
// `bundling.folders`: { 'einvoice-xsd': 'einvoice/artefacts/ubl-2.1' }); from source (tests, the local
// runtime), the project's einvoice/ folder. xmllint-wasm must be installed beside the bundle
// (`nodeModules: ['xmllint-wasm']`): its worker (./xmllint.ts) loads its wasm from the package folder.
export function folder(bundled: string, project: string): string {
  const beside = fileURLToPath(new URL(`${bundled}/`, import.meta.url));
  return existsSync(beside) ? beside : fileURLToPath(new URL(`../../../${project}/`, import.meta.url));
}

interface Loaded {
  invoice: SchemaFile;
  creditNote: SchemaFile;
  common: SchemaFile[];
}

// Read once per process (0.7 MB of XSD) and kept for every later call. A failed read is not cached.
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
  const xsd = folder('einvoice-xsd', 'einvoice/artefacts/ubl-2.1');
  // xmllint resolves the main schemas' imports (../common/…) in its in-memory file system: the files
  // keep their folders' names.
  const file = (name: string): SchemaFile => ({ fileName: name, contents: readFileSync(join(xsd, name), 'utf8') });
  return {
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

/** The UBL 2.1 XSD only: `ms.xsd` its time, the rule sets' 0 (not run). */
export const eInvoiceSchema: EInvoiceValidator = {
  async validate(xml) {
    const files = await loaded();
    const start = performance.now();
    const issues = await checkSchema(xml, files);
    const ms = { xsd: performance.now() - start, cen: 0, peppol: 0 };
    const errors = issues.filter((i) => i.flag === 'fatal');
    return { valid: errors.length === 0, errors, warnings: [], ms } satisfies EInvoiceValidation;
  },
};

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import SaxonJS, { type SaxonNode } from 'saxon-js';
import type { EInvoiceIssue, EInvoiceValidation, EInvoiceValidator } from '#core/einvoice/validation';
import { folder } from '#store/einvoice/schema';

// The CEN EN 16931 and Peppol BIS Billing 3.0 Schematron, compiled to SaxonJS SEF files by
// einvoice/compile.ts and committed (nothing is compiled or fetched here). They run after the XSD
// (./schema.ts), in the validate-einvoice Lambda only, which the render workflow's register invokes
// asynchronously: at about 470 ms for a 40-line invoice they are too slow for the invoice's answer.
//
// Where the files are: in a Lambda bundle, a folder copied beside index.mjs (the catalog's
// `bundling.folders`: { 'einvoice-rules': 'einvoice/compiled' }); from source, the project's einvoice/
// folder. saxon-js must be installed beside the bundle (`nodeModules: ['saxon-js']`), not bundled:
// SaxonJS assigns undeclared globals, which an ES module bundle (strict mode) refuses at import
// ("abstractNode is not defined").

const SVRL = 'http://purl.oclc.org/dsdl/svrl';
const RULE_SETS = ['cen', 'peppol'] as const;
type RuleSet = (typeof RULE_SETS)[number];
const SEF_FILES: Record<RuleSet, string> = {
  cen: 'cen-en16931-ubl.sef.json',
  peppol: 'peppol-en16931-ubl.sef.json',
};

// Read once per process (a cold start: 10.7 MB of SEF JSON) and kept for every later call (warm).
// A failed read is not cached, so the next call tries again.
let loading: Promise<Record<RuleSet, unknown>> | undefined;
function loaded(): Promise<Record<RuleSet, unknown>> {
  return (loading ??= Promise.resolve()
    .then(() => {
      const rules = folder('einvoice-rules', 'einvoice/compiled');
      return {
        cen: JSON.parse(readFileSync(join(rules, SEF_FILES.cen), 'utf8')),
        peppol: JSON.parse(readFileSync(join(rules, SEF_FILES.peppol), 'utf8')),
      };
    })
    .catch((e: unknown) => {
      loading = undefined;
      throw e;
    }));
}

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

/**
 * The two Schematron rule sets, on a document the XSD already passed (the rules test paths the
 * schema guarantees): `ms.xsd` is 0.
 */
export const eInvoiceRules: EInvoiceValidator = {
  async validate(xml) {
    const sef = await loaded();
    const ms = { xsd: 0, cen: 0, peppol: 0 };
    const issues = await runRuleSets(xml, sef, ms);
    const errors = issues.filter((i) => i.flag === 'fatal');
    return {
      valid: errors.length === 0,
      errors,
      warnings: issues.filter((i) => i.flag === 'warning'),
      ms,
    } satisfies EInvoiceValidation;
  },
};

async function runRuleSets(
  xml: string,
  sef: Record<RuleSet, unknown>,
  ms: Record<RuleSet, number>,
): Promise<EInvoiceIssue[]> {
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
      issues.push(...runRules(sef[set], source));
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

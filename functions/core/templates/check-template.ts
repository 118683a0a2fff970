import type { Entity } from '#core/records/entities';
import { DATA_SCHEMAS } from '#core/templates/data-schema';
import { lintNesting } from '#core/templates/lint-nesting';
import { lintVariables } from '#core/templates/lint-variables';
import { checkSpelling } from '#core/templates/spelling';
import { assertParses } from '#core/templates/syntax';
import type { SourcePart } from '#core/templates/template';
import type { TemplateWarning } from '#core/templates/warnings';

export interface CheckInput {
  entity: Entity;
  locale: string;
  parts: Partial<Record<SourcePart, string>>;
  acceptedWords: readonly string[];
}

/** Syntax errors throw (400 with line and column); unknown variables and spelling come back as warnings. */
export async function checkTemplate(input: CheckInput): Promise<TemplateWarning[]> {
  const asts = assertParses(input.parts);
  const accepted = new Set(input.acceptedWords.map((w) => w.toLowerCase()));
  const warnings: TemplateWarning[] = [];
  for (const [part, ast] of Object.entries(asts) as [SourcePart, NonNullable<(typeof asts)[SourcePart]>][]) {
    warnings.push(...lintVariables(ast, DATA_SCHEMAS[input.entity], part));
    warnings.push(...lintNesting(ast, part));
    warnings.push(...(await checkSpelling(ast, part, input.locale, accepted)));
  }
  return warnings;
}

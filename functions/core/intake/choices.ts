import { newId } from '#core/ids';
import type { MappedLead } from '#core/intake/lead-input';
import type { RecordInput } from '#core/records/compose';
import { chooseOption } from '#core/records/custom-values';
import type { FieldDefinition } from '#core/records/field-definition';
import type { TimelineEntry } from '#core/records/record';

/** An answer the lead could not take: kept on its timeline (`intake_unmapped`) and in the submission's `warnings`. */
export interface IntakeWarning {
  /** The submitted field's name (the lead field's, for a fixed value). */
  path: string;
  message: string;
  /** The lead field it was meant for. */
  field: string;
  /** The answer as submitted. */
  answer: unknown;
}

/**
 * List answers name options by label or id; they are resolved to ids here. An answer no option
 * matches (a renamed option, Typeform's free "other", labels differing only in case) is left out of
 * the lead and reported: a form that drifted from the CRM's options must never lose the lead.
 */
export function sortChoices(
  fields: FieldDefinition[],
  mapped: MappedLead,
  input: RecordInput,
): { input: RecordInput; warnings: IntakeWarning[] } {
  const given = input.customFields as Record<string, unknown> | undefined;
  const warnings: IntakeWarning[] = [];
  if (!given) return { input, warnings };
  const customFields = { ...given };
  for (const field of fields) {
    const value = customFields[field.name];
    if (field.type !== 'list' || value === undefined || value === null) continue;
    // A checkbox group or Typeform's `choices` sends a list; one answer also fits a single-choice field.
    const answers = Array.isArray(value) ? value : [value];
    const single = !field.multiple && answers.length > 1;
    const ids: string[] = [];
    for (const answer of single ? [] : answers) {
      const chosen = chooseOption(field, answer);
      if ('id' in chosen) ids.push(chosen.id);
      else warnings.push(warning(field, mapped, answer, chosen.problem));
    }
    if (single) warnings.push(warning(field, mapped, value, `${field.label} takes one option, not ${answers.length}`));
    if (!ids.length) delete customFields[field.name];
    else customFields[field.name] = field.multiple ? [...new Set(ids)] : ids[0];
  }
  return { input: { ...input, customFields }, warnings };
}

const warning = (field: FieldDefinition, mapped: MappedLead, answer: unknown, problem: string): IntakeWarning => ({
  path: mapped.sources[field.name] ?? field.name,
  field: field.name,
  answer,
  message: `${JSON.stringify(answer)} is not kept in ${field.name} (${problem}); the lead's timeline keeps it.`,
});

/** The lead's timeline entry that keeps every answer it could not take. */
export const unmappedEntry = (warnings: IntakeWarning[], submissionId: string, at: string): TimelineEntry => ({
  id: newId('evt'),
  at,
  actor: { system: 'intake', ref: submissionId },
  type: 'intake_unmapped',
  changes: warnings.map((w) => ({ field: w.field, from: null, to: w.answer })),
});

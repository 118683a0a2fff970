import { DomainError, type FieldError } from '#core/errors';
import { conversionView, type Conversion } from '#core/conversion/conversion';

/** `409` carrying the lead's existing conversion in a `conversion` member, so the client sees what it became. */
export class LeadAlreadyConverted extends DomainError {
  constructor(conversion: Conversion) {
    super(
      'CONFLICT',
      conversion.outcome === 'junk'
        ? 'The lead was closed as junk; undo that to convert it.'
        : 'The lead was already converted; undo that conversion to convert it again.',
      [],
      {},
      { conversion: conversionView(conversion) },
    );
  }
}

export interface DuplicateCandidate {
  target: 'contact' | 'company';
  id: string;
  matchedOn: 'email' | 'phone' | 'taxId' | 'name';
  value: string;
  /** The record's name, to show the user. */
  name: string;
}

/** `409` with `candidates`: `onDuplicate: "fail"` met records the new ones would duplicate. */
export class DuplicatesFound extends DomainError {
  constructor(candidates: DuplicateCandidate[]) {
    super(
      'CONFLICT',
      'Records like the ones this conversion would create exist; link them (onDuplicate "link" or existingId) or create anyway ("create").',
      [],
      {},
      { candidates },
    );
  }
}

export const requiredFieldsMissing = (errors: FieldError[]): never => {
  throw new DomainError(
    'REQUIRED_FIELDS_MISSING',
    'Some required fields of the new records have no value; send them as overrides and convert again.',
    errors,
  );
};

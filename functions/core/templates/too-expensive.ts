import { DomainError } from '#core/errors';

export const BUDGETS = ['iterations', 'output', 'time'] as const;
export type Budget = (typeof BUDGETS)[number];
export type TemplatePart = 'body' | 'header' | 'footer';

/** A template part over one of the Handlebars budgets: 400, naming the part and the budget (an extension member). */
export class TemplateTooExpensive extends DomainError {
  readonly extensions: { budget: Budget };

  constructor(part: TemplatePart, budget: Budget, message: string) {
    super('TEMPLATE_TOO_EXPENSIVE', message, [{ path: part, message }]);
    this.extensions = { budget };
  }
}

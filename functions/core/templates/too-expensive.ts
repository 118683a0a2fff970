import { DomainError } from '#core/errors';

export const BUDGETS = ['iterations', 'output', 'time'] as const;
export type Budget = (typeof BUDGETS)[number];
/** A document template's parts, and an email template's (`subject`, `html`). */
export type TemplatePart = 'body' | 'header' | 'footer' | 'subject' | 'html';

/** A template part over one of the Handlebars budgets: 400, naming the part and the budget (an extension member). */
export class TemplateTooExpensive extends DomainError {
  declare readonly extensions: { budget: Budget };

  /** `path`: where the client named the template, when that is not the part itself (a send's `templateId`). */
  constructor(part: TemplatePart, budget: Budget, message: string, path: string = part) {
    super('TEMPLATE_TOO_EXPENSIVE', message, [{ path, message }], {}, { budget });
  }
}

import { DomainError } from '#core/errors';

/**
 * Use cases report field paths relative to their input (`customFields.budget`); the client reads
 * them as places in its request (`body.customFields.budget`). Errors without field paths pass as they are.
 */
export async function inRequestPart<T>(part: 'body' | 'query', run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    // Missing required fields name a target and a field (`company.taxId`), not a place in the request.
    if (!(e instanceof DomainError) || !e.errors.length || e.code === 'REQUIRED_FIELDS_MISSING') throw e;
    const errors = e.errors.map((err) => ({ ...err, path: err.path ? `${part}.${err.path}` : part }));
    // Extension members (quota figures, a template's exceeded budget) stay with the error.
    throw Object.assign(new DomainError(e.code, e.message, errors, e.headers, e.extensions), { stack: e.stack });
  }
}

import { invalid } from '#core/errors';
import { canSee } from '#core/documents/access';
import type { DocumentsStore } from '#core/documents/ports';
import type { TenantCaller } from '#core/tenancy/caller';
import type { Template } from '#core/templates/template';

// Whether a generation makes an e-invoice beside its PDF (issue 22, "Opt-in"), decided when the job
// starts so that every step of the workflow sees the same answer: only an invoice template's PDF,
// not a draft, for a tenant whose profile says `eInvoicing: true`.

/** What the generation request may say of the e-invoice. */
export interface EInvoiceRequest {
  /** `required`: missing tenant or company data is a 400 before numbering; `auto` (default): the PDF is made regardless. */
  eInvoice?: 'required' | 'auto';
  /** A credit note (UBL CreditNote, type 381) even when the total is not negative. */
  creditNote?: boolean;
  /** The invoice credited (`doc_…`, a generated, numbered document of the tenant): its number is BT-25. */
  creditFor?: string;
}

/** The job's e-invoice order: `skipped` for an invoice that gets none; absent for documents that are no invoices. */
export interface EInvoiceOrder {
  mode: 'required' | 'auto' | 'skipped';
  creditNote?: true;
  /** The number of the invoice credited (BT-25). */
  creditFor?: string;
}

export async function eInvoiceOrder(
  documents: Pick<DocumentsStore, 'getDocument'>,
  caller: TenantCaller,
  template: Pick<Template, 'kind'>,
  input: EInvoiceRequest & { format: 'pdf' | 'html'; draft?: boolean; keptCreditFor?: string },
): Promise<EInvoiceOrder | undefined> {
  if (template.kind !== 'invoice') {
    const asked = (['creditNote', 'creditFor'] as const).find((k) => input[k] !== undefined && input[k] !== false);
    if (asked || input.eInvoice === 'required')
      invalid('Only invoices have e-invoices.', [
        { path: asked ?? 'eInvoice', message: 'applies to invoice templates only' },
      ]);
    return undefined;
  }
  const mode = input.eInvoice ?? 'auto';
  const applies = input.format === 'pdf' && !input.draft && caller.tenant.profile?.eInvoicing === true;
  // A credit note is one on paper too (document.creditNote), with or without its e-invoice.
  const credit = {
    ...(input.creditNote ? { creditNote: true as const } : {}),
    ...(input.creditFor
      ? { creditFor: await creditedNumber(documents, caller, input.creditFor) }
      : input.keptCreditFor
        ? { creditFor: input.keptCreditFor }
        : {}),
  };
  if (!applies) {
    if (mode === 'required')
      invalid('This generation makes no e-invoice.', [
        {
          path: 'eInvoice',
          message:
            caller.tenant.profile?.eInvoicing !== true
              ? 'the tenant has not opted in (profile.eInvoicing)'
              : 'a draft or an HTML document has no e-invoice',
        },
      ]);
    return { mode: 'skipped', ...credit };
  }
  return { mode, ...credit };
}

/** The number of the invoice a credit note credits: a generated, numbered document of the tenant (400 otherwise). */
async function creditedNumber(
  documents: Pick<DocumentsStore, 'getDocument'>,
  caller: TenantCaller,
  id: string,
): Promise<string> {
  const doc = await documents.getDocument(caller.tenantId, id);
  if (!doc || !canSee(caller, doc))
    return invalid(`No document with id ${id}.`, [{ path: 'creditFor', message: `no document with id ${id}` }]);
  const number = doc.generated?.number;
  if (!number)
    return invalid(`The document ${id} is not a numbered generated invoice.`, [
      { path: 'creditFor', message: 'must be a generated invoice with a number' },
    ]);
  return number;
}

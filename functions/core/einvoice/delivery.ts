/**
 * Delivers a valid e-invoice to its buyer through an e-invoice operator (Omniva, Telema, Billberry's
 * API) or a Peppol access point. A port only: delivery needs the network and a contract with an
 * operator, so nothing implements it yet; an implementation goes in functions/store/einvoice/ and
 * is wired where sending is.
 */
export interface EInvoiceDelivery {
  deliver(request: EInvoiceDeliveryRequest): Promise<EInvoiceDeliveryReceipt>;
}

export interface EInvoiceDeliveryRequest {
  tenantId: string;
  /** The XML document (the invoice's e-invoice twin). */
  documentId: string;
  /** The UBL 2.1 Invoice or CreditNote, as validated. */
  xml: Uint8Array;
  /** The buyer's electronic address, `scheme:id` (`0191:12345678`), as the XML's EndpointID states it. */
  receiverEndpoint: string;
}

export interface EInvoiceDeliveryReceipt {
  /** The operator took it for delivery (not that the buyer received it). */
  accepted: boolean;
  /** The operator's id for the delivery, to ask it about later. */
  operatorReference?: string;
}

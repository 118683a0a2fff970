import type { ConversionDeps } from '#core/conversion/ports';
import { dynamoConversionStore } from '#store/conversion/conversion-store';
import { dynamoDocumentCarrier } from '#store/conversion/document-carrier';
import { recordsDeps } from '#wiring/records';

/** The conversion ports: the records ports, the conversions and mapping store, the document carrier. */
export const conversionDeps: ConversionDeps = {
  records: recordsDeps,
  conversions: dynamoConversionStore,
  documents: dynamoDocumentCarrier,
};

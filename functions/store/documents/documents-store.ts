import type { DocumentsStore } from '#core/documents/ports';
import { commitUpload } from '#store/documents/commit-upload';
import { deleteDocument } from '#store/documents/delete-document';
import {
  documentTimeline,
  getDocument,
  getDocuments,
  getUpload,
  getUploadAndDocument,
  getVersion,
  listVersions,
  pendingUploads,
} from '#store/documents/reads';
import { deleteRelation, getRelation, listRelations, putRelation } from '#store/documents/relations';
import { releaseUpload } from '#store/documents/release-upload';
import { reserveUpload } from '#store/documents/reserve-upload';
import { saveDocument } from '#store/documents/save-document';

/** The documents port on the single table; each method is one file in store/documents/. */
export const dynamoDocumentsStore: DocumentsStore = {
  getDocument,
  getDocuments,
  getVersion,
  listVersions,
  getUpload,
  getUploadAndDocument,
  reserveUpload,
  commitUpload,
  releaseUpload,
  pendingUploads,
  saveDocument,
  deleteDocument,
  putRelation,
  getRelation,
  listRelations,
  timeline: documentTimeline,
  deleteRelation,
};

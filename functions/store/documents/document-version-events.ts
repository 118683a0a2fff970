import type { DocumentVersionEvents } from '#core/documents/ports';
import { invokeAsync } from '#store/aws/invoke';

/**
 * A new version of a document under approval: the approval-void function voids the stale approval.
 * The version is committed by then, so a failed hand-off must not fail the upload: it is logged,
 * and the approval's own finish step voids an approval whose document moved on.
 */
export const lambdaDocumentVersionEvents: DocumentVersionEvents = {
  versionAdded: (event) =>
    invokeAsync('approval-void', event).catch((error: Error) =>
      console.warn(
        JSON.stringify({ level: 'WARN', message: 'approval-void hand-off failed', ...event, error: error.name }),
      ),
    ),
};

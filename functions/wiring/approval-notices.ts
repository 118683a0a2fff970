import type { TaskNotify } from '#core/approvals/ports';
import { secret } from '#config';
import { notifyTask } from '#core/sending/approval-notices';
import { logger } from '#observability/logger';
import { dynamoApprovalNoticeDeps } from '#store/sending/approval-notices';
import { sesMailer } from '#store/sending/ses-mailer';

const deps = { ...dynamoApprovalNoticeDeps, publicBaseUrl: () => secret('PUBLIC_BASE_URL'), mailer: sesMailer };

/** A notice that cannot go is logged and the approval goes on: the task is in the approver's list either way. */
export const approvalNotify: TaskNotify = async (kind, task, approval) => {
  try {
    const outcome = await notifyTask(deps, kind, task, approval);
    logger.info('approval task notice', { kind, taskId: task.id, outcome });
  } catch (e) {
    logger.warn('approval task notice not sent', { kind, taskId: task.id, error: e as Error });
  }
};

import { createHmac } from 'node:crypto';
import { config, secret } from '#config';
import type { PagesApiDeps } from '#http/pages/api-routes';
import {
  actionLinkDownload,
  actionLinkFile,
  decideByActionLink,
  delegateByActionLink,
  delegationCandidates,
  resolveActionLink,
} from '#store/approvals/action-links';
import { dynamoRateCounter } from '#store/pages/rate-counter';
import { sharedFileBytes, sharedFileDownload } from '#store/pages/shared-file';
import {
  acceptOffer,
  declineOffer,
  recordShareView,
  resolveSharePage,
  viewSharePage,
} from '#store/sending/share-pages';
import { approvalNotify } from '#wiring/approval-notices';
import { dynamoTenancyStore } from '#store/tenancy/tenancy-store';
import { requestDeps } from '#wiring/request';

export const pagesApiDeps = () =>
  ({
    pages: {
      actionLinks: {
        resolve: resolveActionLink,
        decide: decideByActionLink,
        // The delegate hears of it by email, with a link of their own, as through the API.
        delegate: (token, input, now) => delegateByActionLink(token, input, now, approvalNotify),
        candidates: delegationCandidates,
        download: actionLinkDownload,
        file: actionLinkFile,
      },
      shares: {
        resolve: resolveSharePage,
        view: recordShareView,
        openPage: viewSharePage,
        accept: acceptOffer,
        decline: declineOffer,
        download: sharedFileDownload,
        file: sharedFileBytes,
      },
      rate: dynamoRateCounter,
      get limits() {
        return { perIp: config().PAGES_RATE_PER_IP, perToken: config().PAGES_RATE_PER_TOKEN };
      },
      // A key of its own, derived: a nonce and a cursor can never be swapped for one another.
      get nonceKey() {
        return createHmac('sha256', secret('CURSOR_SECRET')).update('pages-form-nonce').digest();
      },
    },
    tenancy: dynamoTenancyStore,
    request: requestDeps,
  }) satisfies PagesApiDeps;

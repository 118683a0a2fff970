import { config } from '#config';
import { workerHtml } from '#store/html-worker';
import { dynamoJobsStore } from '#store/jobs-store';
import { s3JobObjects } from '#store/job-objects';
import { dynamoSequencesStore } from '#store/sequences-store';
import { dynamoTemplatesStore } from '#store/templates-store';

export { renderLimits } from '#wiring/render-limits';

/** The templates ports, shared by the templates API and the render workflow's tasks. */
export const templatesDeps = {
  templates: dynamoTemplatesStore,
  sequences: dynamoSequencesStore,
  jobs: dynamoJobsStore,
  objects: s3JobObjects,
  html: workerHtml(() => ({ maxBytes: config().RENDER_MAX_BYTES, timeMs: config().RENDER_HTML_MS })),
};

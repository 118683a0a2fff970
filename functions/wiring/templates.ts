import { config } from '#config';
import { workerHtml } from '#store/templates/html-worker';
import { dynamoJobsStore } from '#store/templates/jobs-store';
import { s3JobObjects } from '#store/templates/job-objects';
import { dynamoSequencesStore } from '#store/templates/sequences-store';
import { dynamoTemplatesStore } from '#store/templates/templates-store';

export { renderLimits } from '#wiring/render-limits';

/** The templates ports, shared by the templates API and the render workflow's tasks. */
export const templatesDeps = {
  templates: dynamoTemplatesStore,
  sequences: dynamoSequencesStore,
  jobs: dynamoJobsStore,
  objects: s3JobObjects,
  html: workerHtml(() => ({ maxBytes: config().RENDER_MAX_BYTES, timeMs: config().RENDER_HTML_MS })),
};

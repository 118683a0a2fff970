import * as z from 'zod';
import { createPipeline, getPipeline, listPipelines, updatePipeline } from '#core/records/manage-pipelines';
import { created, ok, route } from '#http/route';
import { idParam } from '#http/schemas/common';
import { PipelineIn, PipelineOut, PipelinePatchIn } from '#http/records/schemas';

const tag = 'Pipelines';

export const pipelineRoutes = [
  route({
    method: 'GET',
    path: '/v1/pipelines',
    operationId: 'listPipelines',
    summary: 'Pipelines ("directions") with their ordered stages',
    tag,
    auth: 'tenant',
    ports: ['records'],
    query: z.strictObject({ entity: z.enum(['deal', 'lead']).optional() }),
    success: {
      status: 200,
      schema: z.object({ items: z.array(PipelineOut) }).meta({ id: 'PipelineList' }),
      description: 'All pipelines',
    },
    handler: async ({ query }, { caller, deps }) =>
      ok({ items: await listPipelines(deps.records, caller, query.entity) }),
  }),
  route({
    method: 'GET',
    path: '/v1/pipelines/{id}',
    operationId: 'getPipeline',
    summary: 'Get a pipeline',
    tag,
    auth: 'tenant',
    ports: ['records'],
    params: idParam('pipe'),
    success: { status: 200, schema: PipelineOut, description: 'The pipeline' },
    handler: async ({ params }, { caller, deps }) => ok(await getPipeline(deps.records, caller, params.id)),
  }),
  route({
    method: 'POST',
    path: '/v1/pipelines',
    operationId: 'createPipeline',
    summary: 'Create a deal pipeline',
    tag,
    auth: 'tenant',
    ports: ['records'],
    role: 'admin',
    body: PipelineIn,
    example: {
      entity: 'deal',
      name: 'Enterprise',
      stages: [
        { name: 'Qualified', semantics: 'open' },
        { name: 'Won', semantics: 'won' },
        { name: 'Lost', semantics: 'lost' },
      ],
    },
    success: { status: 201, schema: PipelineOut, description: 'The pipeline', headers: ['location'] },
    handler: async ({ body }, { caller, deps }) => {
      const pipeline = await createPipeline(deps.records, caller, body);
      return created(pipeline, { location: `/v1/pipelines/${pipeline.id}` });
    },
  }),
  route({
    method: 'PATCH',
    path: '/v1/pipelines/{id}',
    operationId: 'updatePipeline',
    summary: 'Rename a pipeline or change its ordered stages',
    tag,
    auth: 'tenant',
    ports: ['records'],
    role: 'admin',
    params: idParam('pipe'),
    body: PipelinePatchIn,
    example: { name: 'Enterprise (EMEA)' },
    success: { status: 200, schema: PipelineOut, description: 'The pipeline' },
    handler: async ({ params, body }, { caller, deps }) =>
      ok(await updatePipeline(deps.records, caller, params.id, body)),
  }),
];

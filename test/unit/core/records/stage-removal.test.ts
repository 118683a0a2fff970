import { describe, expect, it } from 'vitest';
import { updatePipeline } from '#core/records/manage-pipelines';
import { defaultPipelines } from '#core/records/pipeline';
import { createRecord } from '#core/records/write-record';
import { memoryDeps, owner } from '../fakes/memory-records-store';

function salesPipeline() {
  const mem = memoryDeps();
  mem.schema.pipelines.push(...defaultPipelines());
  const sales = mem.schema.pipelines.find((p) => p.entity === 'deal')!;
  return { mem, sales };
}

describe('stage removal', () => {
  it('refuses to remove a stage a deal is in, naming it, and keeps the pipeline', async () => {
    const { mem, sales } = salesPipeline();
    const [first, second] = sales.stages;
    await createRecord(mem.deps, owner, 'deal', { title: 'In stage two', stageId: second.id });
    const keep = sales.stages
      .filter((s) => s.id !== second.id)
      .map(({ id, name, semantics }) => ({ id, name, semantics }));

    await expect(updatePipeline(mem.deps, owner, sales.id, { stages: keep })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining(`"${second.name}"`),
    });
    expect(mem.schema.pipelines.find((p) => p.id === sales.id)!.stages.map((s) => s.id)).toContain(second.id);
    expect(first).toBeDefined();
  });

  it('removes a stage no record is in', async () => {
    const { mem, sales } = salesPipeline();
    const last = sales.stages.at(-1)!;
    const keep = sales.stages.slice(0, -1).map(({ id, name, semantics }) => ({ id, name, semantics }));

    const next = await updatePipeline(mem.deps, owner, sales.id, { stages: keep });

    expect(next.stages.map((s) => s.id)).not.toContain(last.id);
    expect(mem.schema.pipelines.find((p) => p.id === sales.id)!.stages).toHaveLength(sales.stages.length - 1);
  });

  it('reports a bad stage list at paths relative to the input', async () => {
    const { mem, sales } = salesPipeline();
    await expect(
      updatePipeline(mem.deps, owner, sales.id, { stages: [{ name: 'Only won', semantics: 'won' }] }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      errors: [{ path: 'stages', message: 'needs at least one open stage' }],
    });
  });
});

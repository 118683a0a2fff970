import { describe, expect, it } from 'vitest';
import { DomainError } from '#core/errors';
import { EVENT_TYPES } from '#core/records/events';
import { checkSettings, expandEventType } from '#core/webhooks/subscription-input';

const rules = { allowLoopbackHttp: false };
const base = { url: 'https://hooks.example.com/x', enabled: true };

function refusal(settings: Parameters<typeof checkSettings>[0]) {
  try {
    checkSettings(settings, rules);
  } catch (e) {
    if (e instanceof DomainError) return e.errors;
    throw e;
  }
  throw new Error('accepted');
}

describe('subscription settings', () => {
  it('derives wildcards from EVENT_TYPES: every known type of the resource, nothing for an unknown one', () => {
    expect(expandEventType('deal.*')).toEqual(EVENT_TYPES.filter((t) => t.startsWith('deal.')));
    expect(expandEventType('deal.*')).toContain('deal.stage_changed');
    expect(expandEventType('widget.*')).toEqual([]);
    expect(expandEventType('*')).toEqual([]);
    expect(expandEventType('lead.created')).toEqual(['lead.created']);
  });

  it('collapses duplicate events', () => {
    const saved = checkSettings({ ...base, events: ['lead.created', 'deal.*', 'lead.created', 'deal.*'] }, rules);
    expect(saved.events).toEqual(['lead.created', 'deal.*']);
  });

  it('refuses an empty list and unknown types at their index, listing the known types', () => {
    expect(refusal({ ...base, events: [] })).toEqual([
      { path: 'events', message: expect.stringContaining('lead.created') },
    ]);
    const errors = refusal({ ...base, events: ['lead.created', 'lead.exploded', 'widget.*', 'Lead.created'] });
    expect(errors.map((e) => e.path)).toEqual(['events.1', 'events.2', 'events.3']);
    for (const e of errors) for (const type of EVENT_TYPES) expect(e.message).toContain(type);
  });

  it('accepts a filter on a field every subscribed type has, in scalars or lists', () => {
    const saved = checkSettings(
      {
        ...base,
        events: ['deal.created', 'deal.updated', 'deal.stage_changed'],
        filter: { pipelineId: 'pip_1', stageId: ['a', 'b'] },
      },
      rules,
    );
    expect(saved.filter).toEqual({ pipelineId: 'pip_1', stageId: ['a', 'b'] });
    // `ownerId` is a field of every record.
    checkSettings({ ...base, events: ['lead.created', 'contact.updated'], filter: { ownerId: 'usr_1' } }, rules);
  });

  it('refuses a filter key some subscribed type lacks, at filter.<key>', () => {
    expect(refusal({ ...base, events: ['deal.created', 'contact.created'], filter: { stageId: 'x' } })).toEqual([
      { path: 'filter.stageId', message: expect.stringContaining('contact.created') },
    ]);
    expect(refusal({ ...base, events: ['deal.created'], filter: { shoeSize: 42 } })[0].path).toBe('filter.shoeSize');
    // A deletion's data is a tombstone: only its id can be filtered on, so `deal.*` by pipeline is refused.
    const tomb = refusal({ ...base, events: ['deal.*'], filter: { pipelineId: 'pip_1' } });
    expect(tomb).toEqual([
      { path: 'filter.pipelineId', message: expect.stringContaining('deal.deleted (filterable: id)') },
    ]);
  });

  it('refuses more than 10 filter keys', () => {
    const filter = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`f${i}`, 'x']));
    expect(refusal({ ...base, events: ['deal.created'], filter }).map((e) => e.path)).toContain('filter');
  });

  it('names every bad field at once', () => {
    const errors = refusal({ ...base, url: 'http://10.0.0.1/', events: ['nope'] });
    expect(errors.map((e) => e.path)).toEqual(['url', 'events.0']);
  });
});

import type { IdPrefix } from '#core/ids';

export const ENTITIES = ['lead', 'contact', 'company', 'deal'] as const;
export type Entity = (typeof ENTITIES)[number];

export const PATHS: Record<Entity, string> = { lead: 'leads', contact: 'contacts', company: 'companies', deal: 'deals' };
export const ID_PREFIX: Record<Entity, IdPrefix> = { lead: 'lead', contact: 'con', company: 'com', deal: 'deal' };

/** Entities that live in a pipeline and so have stages. */
export type PipelineEntity = 'lead' | 'deal';

export const hasPipeline = (entity: Entity): entity is PipelineEntity => entity === 'lead' || entity === 'deal';

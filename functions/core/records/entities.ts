import type { IdPrefix } from '#core/ids';

export const ENTITIES = ['lead', 'contact', 'company', 'deal'] as const;
export type Entity = (typeof ENTITIES)[number];

export const PATHS: Record<Entity, string> = { lead: 'leads', contact: 'contacts', company: 'companies', deal: 'deals' };
export const ID_PREFIX: Record<Entity, IdPrefix> = { lead: 'lead', contact: 'con', company: 'com', deal: 'deal' };

/** Entities that live in a pipeline and so have stages. */
export const PIPELINE_ENTITIES = ['lead', 'deal'] as const;
export type PipelineEntity = (typeof PIPELINE_ENTITIES)[number];

export const hasPipeline = (entity: Entity): entity is PipelineEntity => entity === 'lead' || entity === 'deal';
export const hasCompany = (entity: Entity): boolean => entity === 'contact' || entity === 'deal';

import type { IConstruct } from 'constructs';

/** Context `corsOrigins`: a JSON list (cdk.json) or a comma-separated string (`-c corsOrigins=a,b`). */
export function corsOrigins(scope: IConstruct): string[] {
  const raw: unknown = scope.node.tryGetContext('corsOrigins');
  if (raw === undefined) return ['*'];
  const list = Array.isArray(raw) ? raw : String(raw).split(',');
  const origins = list.map((o) => String(o).trim()).filter((o) => o.length > 0);
  if (origins.length === 0) throw new Error('Context "corsOrigins" is empty; omit it to allow every origin.');
  return origins;
}

import type { ApiDeps } from '#http/deps';

/** A port this Lambda serves no route for: using it is a wiring bug, said loudly. */
export function unwired<T extends object>(port: string, lambda: string): T {
  return new Proxy((() => undefined) as unknown as T, {
    get: (_t, name) => {
      throw new Error(`Port ${port}.${String(name)} is not wired into ${lambda} (functions/wiring/).`);
    },
    apply: () => {
      throw new Error(`Port ${port} is not wired into ${lambda} (functions/wiring/).`);
    },
  });
}

/** Every port of ApiDeps, so a Lambda names only those it wires (the compiler checks the list is whole). */
const API_PORTS = [
  'request',
  'records',
  'tenancy',
  'health',
  'workflows',
  'documents',
  'approvals',
  'documentLists',
  'presigner',
  'sending',
  'reconcile',
  'templates',
  'conversion',
  'intake',
  'apiDocument',
] as const satisfies readonly (keyof ApiDeps)[];
type Unlisted = Exclude<keyof ApiDeps, (typeof API_PORTS)[number]>;
const everyPortListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyPortListed;

/** A Lambda's ApiDeps: the ports it wires, every other one an `unwired` proxy that says so when used. */
export function apiDeps(lambda: string, wired: Partial<ApiDeps>): ApiDeps {
  return Object.fromEntries(
    API_PORTS.map((port) => [port, wired[port] ?? unwired(port, lambda)]),
  ) as unknown as ApiDeps;
}

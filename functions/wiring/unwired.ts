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

// Keeps a local dependency (DynamoDB Local, s3rver) running the way a managed service would:
// an unexpected exit is logged and the dependency restarted on the same port and data directory,
// so the handlers' clients reconnect without being told. When a restart cannot help (in-memory
// data would come back empty) or does not work, the whole runtime stops with the reason instead
// of serving 503s forever.

export interface Supervised {
  /** Settles when the process or server is gone, with how it ended. */
  exited: Promise<string>;
  stop(): Promise<void>;
}

export interface SupervisorOptions<T extends Supervised> {
  name: string;
  /** Starts it again, on the same port and data directory. */
  restart: () => Promise<T>;
  /** False when a restart would lose data (in memory): an exit is then fatal. */
  restartable: boolean;
  onFatal: (reason: string) => void;
  log?: (line: string) => void;
}

/** More exits than this within CRASH_WINDOW_MS is a crash loop, not a hiccup. */
const MAX_RESTARTS = 5;
const CRASH_WINDOW_MS = 60_000;

export function supervise<T extends Supervised>(first: T, opts: SupervisorOptions<T>): { stop(): Promise<void> } {
  const log = opts.log ?? ((line: string) => console.error(line));
  let current = first;
  let stopping = false;
  const restarts: number[] = [];

  const watch = (child: T): void =>
    void child.exited.then(async (how) => {
      if (stopping || child !== current) return;
      if (!opts.restartable)
        return opts.onFatal(`${opts.name} exited (${how}); its data was in memory and is gone, so Dossier stops.`);
      const now = Date.now();
      restarts.push(now);
      while (restarts[0] < now - CRASH_WINDOW_MS) restarts.shift();
      if (restarts.length > MAX_RESTARTS)
        return opts.onFatal(`${opts.name} exited ${restarts.length} times within a minute (last: ${how}); giving up.`);
      log(`[dossier] ${opts.name} exited (${how}); restarting it on the same port and data directory…`);
      const started = performance.now();
      try {
        const next = await opts.restart();
        if (stopping) return void (await next.stop());
        current = next;
        log(`[dossier] ${opts.name} is back (restarted in ${((performance.now() - started) / 1000).toFixed(1)} s).`);
        watch(next);
      } catch (e) {
        if (!stopping) opts.onFatal(`${opts.name} exited (${how}) and could not be restarted: ${(e as Error).message}`);
      }
    });

  watch(first);
  return {
    stop: async () => {
      stopping = true;
      await current.stop();
    },
  };
}

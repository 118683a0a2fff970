import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { TextPart } from '#core/search/chunks';
import { ExtractionFailed, type ExtractLimits } from '#core/search/limits';
import type { TextKind } from '#core/search/text-kind';
import { extractParts } from '#store/search/extract/extract';

// Extraction runs off the indexer's event loop in one long-lived worker thread (started from this
// module, as store/templates/html-worker.ts does, so the bundle needs no second entry point), one
// file at a time, with a memory cap. A file that outlasts its time is stopped by terminating the
// worker; the next file gets a new one. Either way only that file fails.

export type Extracted = { ok: true; parts: TextPart[] } | { ok: false; reason: string };

interface Job {
  kind: TextKind;
  bytes: Uint8Array;
  limits: ExtractLimits;
}

const MARK = 'dossier-extract-worker';

if (!isMainThread && parentPort && (workerData as { role?: string } | undefined)?.role === MARK) {
  const port = parentPort;
  port.on('message', (job: Job) => {
    void (async () => {
      try {
        port.postMessage({ ok: true, parts: await extractParts(job.kind, job.bytes, job.limits) } satisfies Extracted);
      } catch (e) {
        const reason = e instanceof ExtractionFailed ? e.message : 'it could not be read';
        port.postMessage({ ok: false, reason } satisfies Extracted);
      }
    })();
  });
  port.postMessage('ready');
}

let worker: { thread: Worker; ready: Promise<void> } | undefined;
let queue: Promise<unknown> = Promise.resolve();

function spawn(): { thread: Worker; ready: Promise<void> } {
  const self = new URL(import.meta.url);
  const typescript = self.pathname.endsWith('.ts') && !process.execArgv.some((a) => a.includes('tsx'));
  const inherited = process.execArgv.filter((a) => !a.startsWith('--input-type'));
  const thread = new Worker(self, {
    workerData: { role: MARK },
    execArgv: typescript ? [...inherited, '--import', 'tsx'] : inherited,
    // A hostile file may not take the indexer's memory with it.
    resourceLimits: { maxOldGenerationSizeMb: 768 },
  });
  thread.unref();
  thread.on('error', () => undefined);
  const ready = new Promise<void>((resolve, reject) => {
    thread.once('message', () => resolve());
    thread.once('exit', (code) => reject(new Error(`The extraction worker did not start (exit code ${code}).`)));
  });
  ready.catch(() => undefined);
  const spawned = { thread, ready };
  thread.on('exit', () => {
    if (worker === spawned) worker = undefined;
  });
  return spawned;
}

async function runOne(job: Job): Promise<Extracted> {
  const spawned = (worker ??= spawn());
  const hold = setInterval(() => undefined, 1000);
  await spawned.ready.finally(() => clearInterval(hold));
  const w = spawned.thread;
  return new Promise<Extracted>((resolve) => {
    const done = (result: Extracted) => {
      clearTimeout(timer);
      w.off('message', done);
      w.off('exit', onExit);
      resolve(result);
    };
    const onExit = () => done({ ok: false, reason: 'its extraction ran out of memory' });
    const timer = setTimeout(() => {
      if (worker === spawned) worker = undefined;
      void w.terminate();
      done({ ok: false, reason: `its extraction took longer than ${job.limits.timeMs / 1000} s` });
    }, job.limits.timeMs);
    w.on('message', done);
    w.on('exit', onExit);
    w.postMessage(job, [job.bytes.buffer as ArrayBuffer]);
  });
}

/** A file's text, one file at a time; never throws for a file's own fault. */
export function extractInWorker(kind: TextKind, bytes: Uint8Array, limits: ExtractLimits): Promise<Extracted> {
  const copy = new Uint8Array(bytes); // transferred to the worker: the caller's bytes stay usable
  const run = queue.then(() => runOne({ kind, bytes: copy, limits }));
  queue = run.catch(() => undefined);
  return run;
}

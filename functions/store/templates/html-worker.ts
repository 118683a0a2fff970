import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { DomainError, type ErrorCode, type FieldError } from '#core/errors';
import { timeBudget, type HtmlLimits } from '#core/templates/budget';
import type { HtmlRenderer } from '#core/templates/ports';
import { renderHtml, type RenderedHtml, type TemplateSource } from '#core/templates/render-html';

// The Handlebars stage runs off the request's event loop: one long-lived worker thread per process,
// started from this very module (so the Lambda bundle, one index.mjs, carries it with no second
// entry point), fed one render at a time. The budgets (core/templates/budget.ts) stop a template
// from inside; should one iteration alone outlast the time budget, the worker is terminated and
// the next render gets a new one. Meanwhile the process keeps answering other requests.

interface Job {
  template: TemplateSource;
  data: Record<string, unknown>;
  cacheKey?: string;
  limits: HtmlLimits;
}

interface Failure {
  code: ErrorCode;
  message: string;
  errors: FieldError[];
  extensions?: Record<string, unknown>;
}

type Reply = { ok: true; rendered: RenderedHtml } | { ok: false; failure: Failure };

const MARK = 'dossier-html-worker';
/** Past its own time budget, a render gets this long to notice before its worker is terminated. */
const GRACE_MS = 1000;

if (!isMainThread && parentPort && (workerData as { role?: string } | undefined)?.role === MARK) {
  const port = parentPort;
  port.on('message', (job: Job) => {
    try {
      port.postMessage({ ok: true, rendered: renderHtml(job.template, job.data, job.cacheKey, job.limits) });
    } catch (e) {
      const failure: Failure =
        e instanceof DomainError
          ? { code: e.code, message: e.message, errors: e.errors, extensions: e.extensions }
          : { code: 'INTERNAL', message: (e as Error)?.message ?? String(e), errors: [] };
      port.postMessage({ ok: false, failure } satisfies Reply);
    }
  });
  port.postMessage('ready'); // loading the module graph is not part of any render's time
}

let worker: { thread: Worker; ready: Promise<void> } | undefined;
let queue: Promise<unknown> = Promise.resolve();

function spawn(): { thread: Worker; ready: Promise<void> } {
  const self = new URL(import.meta.url);
  // Source checkouts (tests, `npm start`) run TypeScript: the worker needs tsx's loader unless inherited.
  const typescript = self.pathname.endsWith('.ts') && !process.execArgv.some((a) => a.includes('tsx'));
  // The parent's flags, less --input-type (for -e scripts only: a worker given it does not start).
  const inherited = process.execArgv.filter((a) => !a.startsWith('--input-type'));
  const thread = new Worker(self, {
    workerData: { role: MARK },
    execArgv: typescript ? [...inherited, '--import', 'tsx'] : inherited,
  });
  thread.unref(); // an idle worker keeps no process alive; a render in flight holds a timer
  thread.on('error', () => undefined); // reported to the render in flight by its exit
  const ready = new Promise<void>((resolve, reject) => {
    thread.once('message', () => resolve());
    thread.once('exit', (code) => reject(new Error(`The HTML worker did not start (exit code ${code}).`)));
  });
  ready.catch(() => undefined);
  const spawned = { thread, ready };
  thread.on('exit', () => {
    if (worker === spawned) worker = undefined;
  });
  return spawned;
}

async function runOne(job: Job): Promise<RenderedHtml> {
  const spawned = (worker ??= spawn());
  // Held while it starts: the worker is unref'd, and a waiting render must keep its process.
  const hold = setInterval(() => undefined, 1000);
  await spawned.ready.finally(() => clearInterval(hold));
  const w = spawned.thread;
  return new Promise<RenderedHtml>((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      w.off('message', onMessage);
      w.off('exit', onExit);
    };
    const onMessage = (reply: Reply) => {
      done();
      if (reply.ok) return resolve(reply.rendered);
      const { code, message, errors, extensions } = reply.failure;
      reject(new DomainError(code, message, errors, {}, extensions));
    };
    const onExit = (exitCode: number) => {
      done();
      reject(new Error(`The HTML worker exited (code ${exitCode}) while rendering.`));
    };
    const timer = setTimeout(() => {
      done();
      if (worker === spawned) worker = undefined;
      void w.terminate();
      reject(timeBudget('body', job.limits.timeMs));
    }, job.limits.timeMs + GRACE_MS);
    w.on('message', onMessage);
    w.on('exit', onExit);
    w.postMessage(job);
  });
}

/** Renders in the worker, one at a time: a render's time budget starts when its turn comes. */
export const workerHtml = (limits: () => HtmlLimits): HtmlRenderer => ({
  render(template, data, cacheKey) {
    const job: Job = { template, data, cacheKey, limits: limits() };
    const run = queue.then(() => runOne(job));
    queue = run.catch(() => undefined);
    return run;
  },
});

import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// libxml2's xmllint (the xmllint-wasm build) in one long-lived worker thread per process, with its
// WebAssembly compiled once. xmllint-wasm's own validateXML starts a new worker and compiles the
// 0.8 MB wasm on every call: 270 of the 480 ms of CPU a 40-line invoice's schema check took
// (measured on the shared 2-core machine), against about 50 ms here once warm.
// The worker is a thread and not this process because xmllint ends by calling exit(), which the
// Emscripten runtime turns into process.exitCode and a throw; a worker keeps both to itself. Its
// code is a string (an eval worker, CommonJS) so that a one-file Lambda bundle needs no second file:
// it loads xmllint-wasm's Emscripten module from the package installed beside the bundle.

export interface SchemaFile {
  fileName: string;
  contents: string;
}

export interface XmllintResult {
  /** 0: valid; otherwise xmllint's exit code (1 parser error, 3 or 4 invalid, 9 out of memory, -1 aborted). */
  exitCode: number;
  /** What xmllint wrote to stderr, line by line. */
  stderr: string[];
}

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const { join, dirname } = require('node:path');
const factory = require(workerData.modulePath);
const compiled = WebAssembly.compile(readFileSync(join(dirname(workerData.modulePath), 'xmllint.wasm')));
compiled.catch(() => undefined);
parentPort.on('message', async (job) => {
  if (!job || job.dossierXmllint !== true) return; // xmllint-wasm's own listener takes its own messages
  let stderr = '';
  let answered = false;
  const done = (exitCode) => {
    if (answered) return;
    answered = true;
    parentPort.postMessage({ dossierXmllint: true, exitCode, stderr });
  };
  try {
    const wasm = await compiled;
    await factory({
      inputFiles: job.inputFiles,
      arguments: job.args,
      print() {},
      printErr(text) { stderr += text + '\\n'; },
      onExit: done,
      onAbort(reason) { stderr += 'WASM abort: ' + reason + '\\n'; done(-1); },
      wasmMemory: new WebAssembly.Memory({ initial: 256, maximum: workerData.maxPages }),
      instantiateWasm(imports, receive) {
        WebAssembly.instantiate(wasm, imports).then((instance) => receive(instance, wasm), (e) => { stderr += String(e) + '\\n'; done(-1); });
        return {};
      },
    });
  } catch (e) {
    if (!(e && e.name === 'ExitStatus')) { stderr += String(e) + '\\n'; done(-1); }
  }
});
`;

/**
 * xmllint's memory ceiling, in 64 KiB pages: 128 MiB, grown into only as needed (it starts at 16).
 * xmllint-wasm's default, 32 MiB, ran out on a 7.6 MB invoice (10,000 lines); this one checks it.
 */
const MAX_MEMORY_PAGES = 2048;
/** xmllint's exit code when it runs out of memory (XMLLINT_ERR_MEM). */
export const XMLLINT_OUT_OF_MEMORY = 9;

let worker: Worker | undefined;
let queue: Promise<unknown> = Promise.resolve();

function spawn(): Worker {
  const modulePath = createRequire(import.meta.url).resolve('xmllint-wasm/xmllint-node.js');
  const thread = new Worker(WORKER, { eval: true, workerData: { modulePath, maxPages: MAX_MEMORY_PAGES } });
  thread.unref(); // an idle worker keeps no process alive; a check in flight refs it
  thread.on('error', () => undefined); // reported to the check in flight by its exit
  thread.on('exit', () => {
    if (worker === thread) worker = undefined;
  });
  return thread;
}

function runOne(inputFiles: SchemaFile[], args: string[]): Promise<XmllintResult> {
  const thread = (worker ??= spawn());
  return new Promise<XmllintResult>((resolve, reject) => {
    const done = () => {
      thread.off('message', onMessage);
      thread.off('exit', onExit);
      thread.unref();
    };
    const onMessage = (reply: { dossierXmllint?: boolean; exitCode: number; stderr: string }) => {
      if (reply?.dossierXmllint !== true) return;
      done();
      resolve({ exitCode: reply.exitCode, stderr: reply.stderr.split('\n').filter((l) => l.length > 0) });
    };
    const onExit = (code: number) => {
      done();
      reject(new Error(`The xmllint worker exited (code ${code}) during a schema check.`));
    };
    thread.ref();
    thread.on('message', onMessage);
    thread.on('exit', onExit);
    thread.postMessage({ dossierXmllint: true, inputFiles, args });
  });
}

/** `xmllint --schema <schema> --noout <document>`, one at a time in the worker. */
export function xmllintSchema(document: SchemaFile, schema: SchemaFile, preload: SchemaFile[]): Promise<XmllintResult> {
  const run = queue.then(() =>
    runOne([document, schema, ...preload], ['--schema', schema.fileName, '--noout', document.fileName]),
  );
  queue = run.catch(() => undefined);
  return run;
}

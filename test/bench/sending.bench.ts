// Sending's budget: sending a document with a 200 KB PDF attached, end to end through the local
// gateway and the local SES service (aws-ses-v2-local parses and keeps every message): p50 ≤ 100 ms.
// Also reported: p99, the MIME message's size, and the DynamoDB round trips of one send.
import { createHash, randomBytes } from 'node:crypto';
import { Api, createTenant } from '#test/bench/lib/http';
import { runBench } from '#test/bench/lib/main';
import { measureRounds, warmUp } from '#test/bench/lib/measure';
import { report } from '#test/bench/lib/report';
import { withRuntime } from '#test/bench/lib/runtime';
import { round } from '#test/bench/lib/stats';

const WARM_UP = 20;
const ROUNDS = 5;
const PER_ROUND = 40;
const PDF_BYTES = 200 * 1024;

const sha = (b: Buffer) => createHash('sha256').update(b).digest('base64');

/** A PDF-shaped file of random (incompressible) bytes: what matters to MIME is its size. */
function pdf(size: number): Buffer {
  const head = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n');
  const tail = Buffer.from('\n%%EOF\n');
  return Buffer.concat([head, randomBytes(size - head.length - tail.length), tail]);
}

await runBench('sending', () =>
  withRuntime(
    async (runtime) => {
      // Standard allows 300 recipients a minute: the 220 sends below stay within it.
      const tenant = await createTenant(runtime.apiUrl, runtime.adminKey, 'Sending bench');
      const api = new Api(runtime.apiUrl, tenant.key);
      const bytes = pdf(PDF_BYTES);
      const ticket = (
        await api.expect(201, 'POST', '/v1/uploads', {
          fileName: 'offer.pdf',
          contentType: 'application/pdf',
          size: bytes.length,
          sha256: sha(bytes),
        })
      ).body;
      const { 'content-length': _l, ...headers } = ticket.headers;
      await fetch(ticket.url, { method: 'PUT', headers, body: bytes });
      while ((await api.call('GET', `/v1/documents/${ticket.documentId}`)).status !== 200)
        await new Promise((r) => setTimeout(r, 5));

      let sent = 0;
      const send = () =>
        api.expect(201, 'POST', `/v1/documents/${ticket.documentId}/send`, {
          to: [{ email: `client-${sent++}@bench.example`, name: 'Bench Client' }],
          subject: 'Your offer',
          message: 'Hello,\n\nplease find our offer attached.',
          templateId: 'offer',
        });
      await warmUp({ send }, WARM_UP);
      const m = await measureRounds({ send }, ROUNDS, PER_ROUND);
      const last = (await api.expect(200, 'GET', `/v1/documents/${ticket.documentId}/sends?limit=1`)).body.items[0];
      report('sending.attachment200KB.p50', m.send.latency.p50, 'ms', 100, {
        samples: m.send.latency.samples,
        rounds: ROUNDS,
        roundP50s: m.send.latency.roundP50s,
        pooledP99: round(m.send.latency.pooledP99),
        note: 'POST /v1/documents/{id}/send → local gateway → S3 read, MIME, SES v2 SendEmail (aws-ses-v2-local) → stored',
      });
      report('sending.attachment200KB.p99', m.send.latency.pooledP99, 'ms', null, {});
      report('sending.attachment200KB.mimeBytes', last.size, 'bytes', null, {
        attachmentBytes: PDF_BYTES,
        ratio: round(last.size / PDF_BYTES, 3),
        note: 'base64 (4/3) with line breaks, plus headers, HTML and text parts',
      });
      report('sending.attachment200KB.roundTrips', m.send.perOp.roundTrips, 'round trips/request', null, {
        byCommand: m.send.perOp.byCommand,
        note: 'authentication, document, version, counters, send written, send settled (+ timeline)',
      });
    },
    { demo: false },
  ),
);

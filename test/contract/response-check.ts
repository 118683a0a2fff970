import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { resolveRef } from './openapi-walk';

// Checks a response against the OpenAPI document the server serves: the status must be documented
// for the operation, required headers present, the body valid for its schema. Operations are found
// by matching the path templates, so a new route is covered the moment it is in the route table.

type Json = Record<string, any>;
export interface SeenResponse {
  method: string;
  path: string;
  status: number;
  headers: Headers;
  body: unknown;
}

interface Operation {
  method: string;
  template: string;
  pattern: RegExp;
  responses: Json;
}

const pointer = (...parts: string[]) => parts.map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

export class Contract {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly operations: Operation[] = [];
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(private readonly document: Json) {
    addFormats(this.ajv);
    this.ajv.addSchema(document, 'openapi.json');
    for (const [template, item] of Object.entries(document.paths as Json)) {
      const pattern = new RegExp(`^${template.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`);
      for (const [method, op] of Object.entries(item as Json))
        this.operations.push({ method: method.toUpperCase(), template, pattern, responses: op.responses });
    }
  }

  /** Every mismatch, as sentences; empty when the response is what the document promises. */
  check(res: SeenResponse): string[] {
    const path = res.path.split('?')[0];
    const candidates = this.operations.filter((o) => o.pattern.test(path));
    // Literal segments win over templates, as in the router (/v1/admin/tenants vs /v1/{entity}).
    const op = candidates
      .filter((o) => o.method === res.method)
      .sort((a, b) => b.template.split('{').length - a.template.split('{').length)
      .at(-1);
    if (!op) {
      // No operation: only the router's 404 (unknown path) and 405 (wrong method) may answer, as problems.
      const expected = candidates.length ? 405 : 404;
      if (res.status !== expected)
        return [`${res.method} ${path} is no documented operation, yet answered ${res.status}`];
      // A 405 names the methods the path takes (`Allow`, documented on each of its operations).
      const allowed = candidates.map((o) => o.method).sort();
      const allow = (res.headers.get('allow') ?? '')
        .split(',')
        .map((m) => m.trim())
        .filter(Boolean)
        .sort();
      const wrongAllow =
        expected === 405 && allow.join() !== allowed.join()
          ? [`${res.method} ${path} → 405: Allow is "${allow.join(', ')}", the path takes ${allowed.join(', ')}`]
          : [];
      // A page's path (RouteSpec.html) documents its 405 as a page: people get one, not a problem.
      const page = expected === 405 && candidates.some((o) => o.responses['405']?.content?.['text/html']);
      if (page)
        return [
          ...wrongAllow,
          ...(/^text\/html\b/.test(res.headers.get('content-type') ?? '')
            ? []
            : [`${res.method} ${path} → 405: a page's path answered ${res.headers.get('content-type')}`]),
        ];
      return [...wrongAllow, ...this.validate('#/components/schemas/Problem', res.body)];
    }
    const where = `${op.method} ${op.template} → ${res.status}`;
    let response = op.responses[String(res.status)];
    let base = `#/${pointer('paths', op.template, op.method.toLowerCase(), 'responses', String(res.status))}`;
    if (!response) return [`${where}: status not documented (documented: ${Object.keys(op.responses).join(', ')})`];
    if (response.$ref) {
      base = response.$ref;
      response = resolveRef(this.document, response.$ref);
    }
    const problems: string[] = [];
    for (const [name, header] of Object.entries((response.headers ?? {}) as Json)) {
      const resolved = header.$ref ? resolveRef(this.document, header.$ref) : header;
      if (resolved.required && !res.headers.has(name)) problems.push(`${where}: required header ${name} missing`);
    }
    const content = Object.entries((response.content ?? {}) as Json);
    if (!content.length) {
      if (res.body !== undefined && res.body !== '') problems.push(`${where}: documented without a body, got one`);
      return problems;
    }
    const type = (res.headers.get('content-type') ?? '').split(';')[0].trim();
    const media = content.find(([t]) => t === type);
    if (!media)
      return [
        ...problems,
        `${where}: content-type ${type || '(none)'} not documented (${content.map(([t]) => t).join(', ')})`,
      ];
    return [
      ...problems,
      ...this.validate(`${base}/${pointer('content', media[0], 'schema')}`, res.body).map((p) => `${where}: ${p}`),
    ];
  }

  /** Every mismatch of a webhook delivery's body with the document's `webhooks` entry for its type. */
  checkWebhook(body: { type?: unknown }): string[] {
    const type = String(body.type);
    if (!(this.document.webhooks as Json)?.[type]) return [`webhook ${type}: no entry in the webhooks section`];
    const ref = `#/${pointer('webhooks', type, 'post', 'requestBody', 'content', 'application/json', 'schema')}`;
    return this.validate(ref, body).map((p) => `webhook ${type}: ${p}`);
  }

  private validate(ref: string, body: unknown): string[] {
    const validate = this.validators.get(ref) ?? this.ajv.compile({ $ref: `openapi.json${ref}` });
    this.validators.set(ref, validate);
    if (validate(body)) return [];
    return (validate.errors ?? [])
      .slice(0, 5)
      .map((e) => `body${e.instancePath} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
  }
}

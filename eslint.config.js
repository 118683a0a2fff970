import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import tseslint from 'typescript-eslint';

// Layers (docs/architecture.md): core is the domain; store implements its ports; http adapts HTTP to it;
// functions/wiring/ is the one place that joins them. These rules make a crossing a lint error.
// `regex`, not `group`: group patterns follow .gitignore syntax, where a leading `#` starts a comment.
const sdk = {
  regex: '^(@aws-sdk|@middy|@aws-lambda-powertools)/',
  message: 'core is pure domain: no AWS SDK, middy or Powertools.',
};
const layer = (name, why) => ({ regex: `^#${name}(/|$)`, message: why });
const noInfra = {
  regex: '^(#infra(/|$)|(\\.\\./)+infra/)',
  message: 'functions/ never imports infra/ (CDK and the local runtime import functions/, not the reverse).',
};
// Every message ends by pointing at the document that explains the layers.
const restrict = (...patterns) => ({
  'no-restricted-imports': [
    'error',
    { patterns: patterns.map((p) => ({ ...p, message: `${p.message} (docs/architecture.md)` })) },
  ],
});

/** Core's capability folders, lowest level first (the order their imports have). */
export const CORE_LEVELS = [
  ['tenancy'],
  ['users', 'records'],
  ['platform', 'quota', 'conversion', 'intake'],
  // einvoice below documents: a document states its e-invoice's status (core/einvoice/status.ts).
  ['einvoice'],
  ['documents'],
  ['templates', 'approvals'],
  ['sending'],
  // The pages people open from links (issue 23) show approvals, documents and sends.
  ['pages'],
  // outbox above every capability that announces itself: the feed presents each event as that
  // capability's API does, and reads documents to decide who sees their and their approvals' events.
  ['outbox'],
  // Webhooks deliver every capability's events (issue 24), presented as each capability's API does.
  ['webhooks'],
  // Search indexes every capability's records and documents from the same committed events (issue 25).
  ['search'],
];
const coreLayer = ['store', 'http', 'tasks', 'events', 'wiring', 'observability'].map((l) =>
  layer(l, `core imports no ${l}: it declares ports, functions/wiring/ plugs implementations in.`),
);
const capabilityImport = (names) => `^(#core|\\.\\.)/(${names.join('|')})(/|$)`;
// One config object per capability, each repeating core's layer patterns: a later no-restricted-imports
// for the same file replaces an earlier one rather than adding to it.
function coreLayers() {
  const all = CORE_LEVELS.flat();
  const root = {
    files: ['functions/core/*.ts'],
    rules: restrict(noInfra, sdk, ...coreLayer, {
      regex: capabilityImport(all),
      message:
        "core's root files (errors, ids, actor, paging…) are what every capability shares: they import no capability folder.",
    }),
  };
  return [
    // A folder not (yet) in CORE_LEVELS still gets the layer rules; the architecture test names it.
    { files: ['functions/core/**'], rules: restrict(noInfra, sdk, ...coreLayer) },
    root,
    ...CORE_LEVELS.flatMap((level, i) => {
      const below = CORE_LEVELS.slice(0, i).flat();
      return level.map((capability) => {
        const notBelow = CORE_LEVELS.slice(i)
          .flat()
          .filter((c) => c !== capability);
        const message =
          `core/${capability} may import core's root files` +
          (below.length ? ` and the capabilities below it (${below.join(', ')})` : '') +
          ' in CORE_LEVELS (eslint.config.js), not one on its level or above: that is how import cycles start. Move what both need down a level.';
        return {
          files: [`functions/core/${capability}/**`],
          rules: restrict(
            noInfra,
            sdk,
            ...coreLayer,
            ...(notBelow.length ? [{ regex: capabilityImport(notBelow), message }] : []),
          ),
        };
      });
    }),
  ];
}

// One folder per capability in every layer: a capability's store code is functions/store/<capability>/
// (named as in functions/core/), its HTTP code functions/http/<capability>/, so adding one touches
// its own folders and the shared plumbing stays small enough to read. The rule looks at the linted
// file's own path, so a file is caught wherever it comes from.
const HTTP_ROOT_PLUMBING = [
  /^api-handler\.ts$/,
  /^invoke-route\.ts$/,
  /^route\.ts$/,
  /^request\.ts$/,
  /^request-state\.ts$/,
  /^problem\.ts$/,
  /^input-paths\.ts$/,
  /^idempotency[\w-]*\.ts$/,
  /^openapi[\w-]*\.ts$/,
  /^public-url\.ts$/,
  /^deps\.ts$/,
];
const coreCapabilities = (cwd) =>
  readdirSync(join(cwd, 'functions/core'), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name);
const capabilityFolders = {
  meta: {
    type: 'problem',
    schema: [],
    messages: {
      store:
        'functions/store/ has no files at its root: shared DynamoDB plumbing goes in store/dynamo/, other shared AWS plumbing in store/aws/, everything else in store/<capability>/ named as in functions/core/, so a capability is one folder per layer.',
      storeFolder:
        'functions/store/{{folder}}/ is neither shared plumbing (dynamo/, aws/) nor a capability of functions/core/: name store folders as core names its capabilities, so a capability is found in the same place in every layer.',
      http: 'Only shared HTTP plumbing (api-handler, invoke-route, route, request, request-state, problem, input-paths, idempotency*, openapi*, public-url, deps, middleware/) sits at the root of functions/http/: routes, schemas, a Lambda module and presenters go in http/<capability>/, so a capability is one folder per layer.',
    },
  },
  create(context) {
    const file = relative(context.cwd, context.filename).split(sep).join('/');
    const [, folder] = /^functions\/store\/([^/]+)\/./.exec(file) ?? [];
    if (folder && !['dynamo', 'aws', ...coreCapabilities(context.cwd)].includes(folder))
      return { Program: (node) => context.report({ node, messageId: 'storeFolder', data: { folder } }) };
    const [, layer, name] = /^functions\/(store|http)\/([^/]+)$/.exec(file) ?? [];
    if (!layer) return {};
    if (layer === 'http' && HTTP_ROOT_PLUMBING.some((p) => p.test(name))) return {};
    return { Program: (node) => context.report({ node, messageId: layer }) };
  },
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'cdk.out/**', '.dossier/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    plugins: { dossier: { rules: { 'capability-folders': capabilityFolders } } },
    rules: { 'dossier/capability-folders': 'error' },
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  { files: ['functions/**'], rules: restrict(noInfra) },
  {
    // One transaction primitive: the limits (100 items, 4 MB), the decoding of cancellation reasons,
    // the conflict retry and the events every transaction will carry live in one place.
    ignores: ['functions/store/dynamo/transact.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...[
          'NewExpression[callee.name=/^TransactWrite(Items)?Command$/]',
          'ImportSpecifier[imported.name=/^TransactWrite(Items)?Command$/]',
        ].map((selector) => ({
          selector,
          message:
            'Send transactions with transact() from #store/dynamo/transact: it alone checks the 100-item limit, maps size refusals and cancellation reasons, retries conflicts and counts the events a change carries (docs/architecture.md, "One transaction primitive").',
        })),
      ],
    },
  },
  // Core's capabilities by level: a capability imports core's root files and capabilities on lower
  // levels only, never its own level or above, so no two of them import each other in a cycle. The
  // root files (errors, ids, actor, paging…) import no capability. A new edge that breaks this moves
  // the shared piece down (or the importer up a level), never around the rule.
  ...coreLayers(),
  {
    files: ['functions/store/**'],
    rules: restrict(
      noInfra,
      ...['http', 'tasks', 'events', 'wiring'].map((l) =>
        layer(l, `store imports no ${l}: it implements core's ports and knows nothing of callers.`),
      ),
    ),
  },
  {
    files: ['functions/http/**'],
    ignores: ['functions/http/*/api.ts'],
    rules: restrict(
      noInfra,
      layer('store', 'HTTP code gets its ports from ctx.deps / ApiDeps (functions/wiring/), never a store.'),
      layer(
        'wiring',
        'HTTP code gets its ports from ApiDeps; only Lambda entries (http/<capability>/api.ts) import the wiring.',
      ),
      { regex: '^@aws-sdk/', message: 'HTTP code reaches AWS through a port, never an SDK client.' },
    ),
  },
  {
    files: ['functions/http/*/api.ts'],
    rules: restrict(
      noInfra,
      layer('store', 'A Lambda entry composes ports from functions/wiring/, never a store directly.'),
    ),
  },
  {
    files: ['functions/tasks/**', 'functions/events/**'],
    rules: restrict(
      noInfra,
      layer(
        'http',
        'Tasks and event handlers do not run behind HTTP: share code through core or store (what the API shows of a resource is core/<capability>/present.ts).',
      ),
    ),
  },
);

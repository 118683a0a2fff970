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

export default tseslint.config(
  { ignores: ['node_modules/**', 'cdk.out/**', '.dossier/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
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
  {
    files: ['functions/core/**'],
    rules: restrict(
      noInfra,
      sdk,
      ...['store', 'http', 'tasks', 'events', 'wiring', 'observability'].map((l) =>
        layer(l, `core imports no ${l}: it declares ports, functions/wiring/ plugs implementations in.`),
      ),
    ),
  },
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
    ignores: ['functions/http/api/**'],
    rules: restrict(
      noInfra,
      layer('store', 'HTTP code gets its ports from ctx.deps / ApiDeps (functions/wiring/), never a store.'),
      layer('wiring', 'HTTP code gets its ports from ApiDeps; only Lambda entries (http/api/) import the wiring.'),
      { regex: '^@aws-sdk/', message: 'HTTP code reaches AWS through a port, never an SDK client.' },
    ),
  },
  {
    files: ['functions/http/api/**'],
    rules: restrict(
      noInfra,
      layer('store', 'A Lambda entry composes ports from functions/wiring/, never a store directly.'),
    ),
  },
  {
    files: ['functions/tasks/**', 'functions/events/**'],
    rules: restrict(
      noInfra,
      layer('http', 'Tasks and event handlers do not run behind HTTP: share code through core or store.'),
    ),
  },
);

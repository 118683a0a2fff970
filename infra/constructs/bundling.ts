import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { FunctionBundling, FunctionSpec } from '#infra/catalog';
import { fromRoot } from '#infra/constructs/project';

// Node 24 is the newest Lambda runtime (cdk-nag L1); the code targets Node 22 because the
// local runtime runs on 22, so a bundle that works locally works on Lambda too.
export const runtime = Runtime.NODEJS_24_X;
export const architecture = Architecture.ARM_64;

export const bundling: BundlingOptions = {
  format: OutputFormat.ESM,
  target: 'node22',
  mainFields: ['module', 'main'],
  minify: true,
  sourceMap: true,
  // Stack traces need only the mappings; embedded sources would triple the map for nothing.
  sourcesContent: false,
  // Pins the SDK version we test against instead of the one the runtime happens to ship.
  bundleAwsSDK: true,
  // Handlebars loads source-map only to precompile with source maps, which we never do, and inside a
  // try/catch that falls back to a stub: left out, it saves 27 KB in every function with templates.
  externalModules: ['source-map'],
  tsconfig: fromRoot('tsconfig.json'),
  forceDockerBundling: false,
  // CommonJS dependencies inside an ESM bundle still call require() for Node built-ins.
  banner:
    "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
};

const quoted = (path: string) => `'${path.replace(/'/g, "'\\''")}'`;

/**
 * esbuild bundles code only: data folders (fonts) are copied in after it, and generated files (the
 * OpenAPI document) written by their scripts, beside index.mjs. Runs locally, offline (no Docker).
 */
function afterBundling(own: FunctionBundling): NonNullable<BundlingOptions['commandHooks']> {
  return {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (_inputDir, outputDir) => [
      ...Object.entries(own.folders ?? {}).map(
        ([name, from]) => `cp -R ${quoted(fromRoot(from))} ${quoted(`${outputDir}/${name}`)}`,
      ),
      ...Object.entries(own.generated ?? {}).map(
        ([name, script]) =>
          `${quoted(fromRoot('node_modules/.bin/tsx'))} ${quoted(fromRoot(script))} ${quoted(`${outputDir}/${name}`)}`,
      ),
    ],
  };
}

/** The shared options plus what one function asks for (infra/catalog.ts), e.g. Chromium left external. */
export function bundlingFor(spec: FunctionSpec): BundlingOptions {
  const own = spec.bundling;
  if (!own) return bundling;
  return {
    ...bundling,
    externalModules: [...(bundling.externalModules ?? []), ...(own.externalModules ?? [])],
    ...(own.nodeModules ? { nodeModules: [...own.nodeModules] } : {}),
    ...(own.folders || own.generated ? { commandHooks: afterBundling(own) } : {}),
  };
}

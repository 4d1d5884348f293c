// Builds lib/bundle/: the CLI as a few files instead of ~175 ES modules, so that `carryover scan` starts fast
// (module resolution and loading dominated its start-up). Dynamic imports stay separate chunks, loaded only when
// used (the GitHub source, the config parser, the rules commands). The app (lib/main.js) is not bundled.
//
// The dataset schema (zod) is needed only when the registry cache misses, but the loader calls it synchronously;
// in the bundle, src/resolve/load.ts gets a stand-in that require()s a separately built lib/bundle/schema.cjs on
// first use, so zod stays out of the scan's start-up. Outside the bundle (lib/, tsx, tests) nothing changes.
import { build } from "esbuild";

const banner = { js: "import { createRequire as __carryoverRequire } from 'node:module'; const require = __carryoverRequire(import.meta.url);" };

const lazySchema = {
  name: "lazy-dataset-schema",
  setup(b) {
    b.onResolve({ filter: /^\.\/schema\.js$/ }, (args) =>
      /[\\/]resolve[\\/]load\.ts$/.test(args.importer) ? { path: "lazy-dataset-schema", namespace: "carryover" } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "carryover" }, () => ({
      loader: "js",
      contents:
        "let m;\n" +
        "const load = () => (m ??= require('./schema.cjs'));\n" +
        "export const Dataset = { safeParse: (v) => load().Dataset.safeParse(v) };\n",
    }));
  },
};

await build({
  entryPoints: ["src/cli.ts"],
  outdir: "lib/bundle",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: "warning",
  plugins: [lazySchema],
  external: ["./schema.cjs"],
  // CommonJS dependencies (spdx-*) call require() for their JSON and Node built-ins.
  banner,
});

await build({
  entryPoints: ["src/resolve/schema.ts"],
  outfile: "lib/bundle/schema.cjs",
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: "warning",
});

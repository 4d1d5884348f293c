// Builds lib/bundle/: the CLI as a few files instead of ~175 ES modules, so that `carryover scan` starts fast
// (module resolution and loading dominated its start-up). Dynamic imports stay separate chunks, loaded only when
// used (the GitHub source, the config parser, the rules commands). The app (lib/main.js) is not bundled.
import { build } from "esbuild";

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
  sourcemap: false,
  logLevel: "warning",
  // CommonJS dependencies (spdx-*) call require() for their JSON and Node built-ins.
  banner: { js: "import { createRequire as __carryoverRequire } from 'node:module'; const require = __carryoverRequire(import.meta.url);" },
});

#!/usr/bin/env node
// Entry point of the `carryover` command: runs the bundled CLI (`npm ci` builds it via `prepare`),
// or the plain compiled modules when the bundle is absent.
import { existsSync } from "node:fs";

const bundle = new URL("../lib/bundle/cli.js", import.meta.url);
const { main } = existsSync(bundle) ? await import(bundle.href) : await import("../lib/cli.js");
process.exitCode = await main(process.argv.slice(2));

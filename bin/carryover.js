#!/usr/bin/env node
// Entry point of the `carryover` command: runs the compiled CLI (`npm ci` builds lib/ via `prepare`).
import { main } from "../lib/cli.js";

process.exitCode = await main(process.argv.slice(2));

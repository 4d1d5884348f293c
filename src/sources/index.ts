/**
 * Target spec → Source: a directory path, `github:owner/repo[@ref]`, or `hf:owner/name[@rev]`.
 */
import { LocalSource } from "./local.js";
import type { Source } from "./source.js";

export interface OpenOptions {
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export async function openSource(spec: string, opts: OpenOptions): Promise<Source> {
  if (spec.startsWith("github:")) {
    const { githubSourceFromSpec } = await import("./github.js");
    return githubSourceFromSpec(spec, opts.env);
  }
  if (spec.startsWith("hf:")) throw new Error("hf: targets are not supported yet; clone the model repo and scan the directory");
  const { resolve } = await import("node:path");
  return new LocalSource(resolve(opts.cwd, spec), spec);
}

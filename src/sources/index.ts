/**
 * Target spec → Source: a directory path, `github:owner/repo[@ref]`, or `hf:owner/name[@rev]`.
 */
import path from "node:path";
import { LocalSource } from "./local.js";
import type { Source } from "./source.js";

export interface OpenOptions {
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export async function openSource(spec: string, opts: OpenOptions): Promise<Source> {
  if (spec.startsWith("github:")) {
    const github = await import("./github.js");
    return github.githubSourceFromSpec(spec, opts.env);
  }
  if (spec.startsWith("hf:")) {
    const hf = await import("./huggingface.js");
    return hf.hfSourceFromSpec(spec, opts.env);
  }
  return new LocalSource(path.resolve(opts.cwd, spec), spec);
}

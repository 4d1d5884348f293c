/**
 * Which backend: BullMQ on Redis when `REDIS_URL` is set (several app replicas and workers
 * share it), else the in-process queue (nothing to set up). BullMQ is loaded only when used.
 */
import { memoryBackend, type InProcessQueueOptions } from "./memory.js";
import type { Backend } from "./types.js";

export type { Backend } from "./types.js";

export interface OpenOptions extends InProcessQueueOptions {
  /** BullMQ queue name (default `carryover`). */
  name?: string;
}

export async function openBackend<T>(env: NodeJS.ProcessEnv, opts: OpenOptions = {}): Promise<Backend<T>> {
  if (env.REDIS_URL) {
    const { redisBackend } = await import("./redis.js");
    return redisBackend<T>(env.REDIS_URL, { ...(opts.name ? { name: opts.name } : {}), ...(opts.defaults ? { defaults: opts.defaults } : {}) });
  }
  return memoryBackend<T>(opts);
}

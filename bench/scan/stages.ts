/**
 * Per-stage timers for the scan benchmark: `scanSource` itself, timed through its `onStage` hook, so the profile
 * cannot drift from the pipeline.
 */
import { STAGES, scanSource, type Stage } from "../../src/core/pipeline.js";
import type { Finding } from "../../src/core/types.js";
import type { Registry } from "../../src/resolve/registry.js";
import type { Source } from "../../src/sources/source.js";

export { STAGES, type Stage };

/** Scan `source`, adding each stage's milliseconds to `acc`; returns the findings. */
export async function stagedScan(source: Source, registry: Registry, today: string, acc: Record<Stage, number>): Promise<Finding[]> {
  let t = performance.now();
  const r = await scanSource(source, {
    registry,
    today,
    onStage: (s) => {
      const now = performance.now();
      acc[s] += now - t;
      t = now;
    },
  });
  return r.findings;
}

export function emptyStages(): Record<Stage, number> {
  return Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;
}

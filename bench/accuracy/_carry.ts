import { loadLabels } from "/work/main/bench/accuracy/run.js";
for (const l of loadLabels()) for (const d of l.datasets) {
  if (d.expect !== "flag" || !d.registry_id) continue;
  const c = l.weights_terms?.carries ?? [];
  if (c.length) console.log(`${l.repo} | ${d.registry_id} | carries ${c.join(",")} | ${l.weights_terms?.license} | ${d.because}`);
}

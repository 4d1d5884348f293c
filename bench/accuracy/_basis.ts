import { loadLabels } from "/work/main/bench/accuracy/run.js";
import { loadRegistry } from "/work/main/src/resolve/registry.js";
const reg = loadRegistry();
for (const l of loadLabels()) for (const d of l.datasets) {
  if (d.expect !== "flag" || !d.registry_id) continue;
  const ev = ((d as any).evidence ?? []) as { path: string; line: number; quote: string }[];
  const rel = new Set(reg.resolve(d.registry_id).lineage.map((x) => x.id));
  const named = ev.some((e) => reg.scan(String(e.quote ?? "")).some((h) => rel.has(h.id) || reg.resolve(h.id).lineage.some((x) => x.id === d.registry_id)));
  if (!named) console.log(`${l.repo} | ${d.registry_id} | ${ev.map((e) => `${e.path}:${e.line} "${e.quote}"`).join(" ; ").slice(0, 300)}`);
}

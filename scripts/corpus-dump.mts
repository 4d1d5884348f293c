// Dev aid: print what the scan finds on every corpus repo (the corpus test asserts the expectations).
import { scanSource } from "../src/core/pipeline.js";
import { corpusRepos, loadCorpusEntry } from "../test/helpers/corpus.js";

const only = process.argv[2];
for (const name of corpusRepos()) {
  if (only && !name.includes(only)) continue;
  const e = loadCorpusEntry(name);
  const r = await scanSource(e.source, { today: "2026-11-23" });
  console.log(`\n## ${name}  weights=${r.weights.length} lic=${r.licenses.map((l) => `${l.scope}:${l.spdx ?? "null"}[${l.clauses.join(",")}]@${l.source.path}:${l.source.line}`).join(" ")}`);
  const tr = r.datasets.filter((d) => d.role === "training").map((d) => `${d.id ?? "?" + d.name}(${d.via}${d.withheld ? ",withheld" : ""}@${d.evidence.path}:${d.evidence.line})`);
  console.log(`   training: ${[...new Set(tr)].join(" ")}`);
  for (const f of r.findings) console.log(`   ${f.severity.padEnd(7)} ${f.rule} ${f.dataset ?? "-"} <- ${f.origin ?? "-"} @${f.evidence[0]?.path}:${f.evidence[0]?.line} :: ${f.message.slice(0, 140)}`);
}

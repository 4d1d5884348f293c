import { scanSource } from "/work/main/src/core/pipeline.js";
import { loadCorpusEntry } from "/work/main/test/helpers/corpus.js";
const name = process.argv[2]!; const id = process.argv[3];
const src = loadCorpusEntry(name).source;
const r = await scanSource(src, { today: "2026-11-23" });
for (const d of r.datasets) if (!id || d.id === id) console.log(d.id, d.role, d.via, d.linked ? "L" : "", d.withheld ? "W" : "", `${d.evidence.path}:${d.evidence.line}`, d.evidence.text.slice(0, 100));
for (const f of r.findings) console.log("F", f.severity, f.rule, f.dataset, f.origin);

/**
 * Debug one sweep repository: print its mentions, licenses and findings.
 *   npx tsx bench/accuracy/dbg.ts owner/name [datasetId]
 */
import path from "node:path";
import { existsSync } from "node:fs";
import { scanSource } from "../../src/core/pipeline.js";
import { GitMirrorSource } from "./git-source.js";
import { loadLabels } from "./run.js";

const [repo = "", want] = process.argv.slice(2);
const label = loadLabels().find((l) => l.repo === repo);
if (!label) throw new Error(`no label for ${repo}`);
const base = path.join("/work/.mirror", repo.replace("/", "+"));
const git = [path.join(base, "repo", ".git"), path.join(base, "repo"), base].find((c) => existsSync(path.join(c, "objects")))!;
const r = await scanSource(new GitMirrorSource(`github:${repo}@${label.commit.slice(0, 8)}`, git, label.commit), { today: "2026-12-02" });
console.log("WEIGHTS", r.weights.length, r.weights.slice(0, 5).map((w) => w.ref).join(" "));
for (const l of r.licenses) console.log("LIC", l.spdx ?? "?", l.scope, l.matcher, `${l.source.path}:${l.source.line}`, l.clauses.join(","));
for (const m of r.datasets) if (!want || m.id === want) console.log("M", m.id, m.role, m.via, m.withheld ? "withheld" : "", m.linked ? "linked" : "", `${m.evidence.path}:${m.evidence.line}`, JSON.stringify(m.evidence.text.slice(0, 140)));
for (const f of r.findings) console.log("F", f.severity, f.rule, f.dataset, f.origin, `${f.evidence[0]?.path}:${f.evidence[0]?.line}`);
for (const n of r.notes) console.log("NOTE", JSON.stringify(n).slice(0, 200));
if (want) for (const f of r.findings) if (f.dataset === want) console.log("FIND", JSON.stringify(f, null, 1));

/** The repository's own license statements contradict each other (LICENSE vs model card vs README vs DATA_LICENSE). */
import type { Clause, LicenseHit } from "../../core/types.js";
import { docsUrl, weightRefs, type Rule, type RuleFinding } from "../rule.js";

const id = "license-conflict";

const RESTRICTIVE: Clause[] = ["non-commercial", "research-only", "no-derivatives", "share-alike"];
/** Research-only and non-commercial are one family here: two statements that differ only there agree. */
const restrictive = (h: LicenseHit): Clause[] => [
  ...new Set(h.clauses.filter((c) => RESTRICTIVE.includes(c)).map((c) => (c === "research-only" ? "non-commercial" : c))),
];

export const rule: Rule = {
  meta: {
    id,
    description: "Two license statements for the same thing (the weights, or the data) disagree about a restriction.",
    defaultSeverity: "warning",
    docsUrl: docsUrl(id),
    fix: "Make every statement about the weights (and the data) name the same license; keep the most restrictive one that the terms require.",
  },
  check(ctx) {
    const out: RuleFinding[] = [];
    for (const scope of ["weights", "data"] as const) {
      const hits = ctx.licenses.filter((h) => h.scope === scope && h.matcher !== "defers-upstream" && (h.spdx !== null || h.clauses.length > 0));
      const pairs = new Set<string>();
      for (let i = 0; i < hits.length; i++) {
        for (let j = i + 1; j < hits.length; j++) {
          const a = hits[i]!;
          const b = hits[j]!;
          if (a.source.path === b.source.path) continue;
          // Two nested docs disagreeing (docs that quote other projects' licenses, per-model pages) say nothing
          // about this repository's own statement: a conflict needs one side at the root or in a license file.
          const top = (h: LicenseHit) => !h.source.path.includes("/") || /licen[cs]e|copying/i.test(h.source.path);
          if (!top(a) && !top(b)) continue;
          const ra = restrictive(a);
          const rb = restrictive(b);
          const lost = [...ra.filter((c) => !rb.includes(c)), ...rb.filter((c) => !ra.includes(c))];
          // Different names for the same terms are not a conflict; a dropped restriction is.
          if (lost.length === 0) continue;
          const [strict, loose] = ra.length >= rb.length ? [a, b] : [b, a];
          // One finding per pair of files, not per pair of lines.
          const pairKey = `${strict.source.path}|${loose.source.path}`;
          if (pairs.has(pairKey)) continue;
          pairs.add(pairKey);
          out.push({
            severity: scope === "data" || loose.matcher === "model-card" ? "error" : "warning",
            dataset: null,
            origin: null,
            subject: `${scope}:${strict.source.path}:${loose.source.path}`,
            confidence: "high",
            message: `The ${scope} license statements disagree: ${strict.source.path}:${strict.source.line} says ${strict.spdx ?? restrictive(strict).join(", ")}, ${loose.source.path}:${loose.source.line} says ${loose.spdx ?? (restrictive(loose).join(", ") || "no restriction")} (drops ${lost.join(", ")}).`,
            fix: `Correct ${loose.source.path} so that it states ${strict.spdx ?? restrictive(strict).join(", ")} for the ${scope}, as ${strict.source.path} does.`,
            evidence: [loose.source, strict.source],
            sources: [],
            weights: scope === "weights" ? weightRefs(ctx) : [],
          });
        }
      }
    }
    // A license label that links to a file saying something else ("**License:** [Proprietary](LICENSE)" while
    // LICENSE is CreativeML OpenRAIL-M).
    for (const h of ctx.licenses) {
      const m = h.matcher === "card-field" && h.name ? / -> (\S+)$/.exec(h.name) : null;
      if (!m) continue;
      const target = m[1]!.replace(/^\.\//, "").replace(/#.*$/, "");
      const file = ctx.licenses.find((x) => x.source.path === target && x.matcher !== "card-field" && x.spdx);
      if (!file || !h.spdx || file.spdx === h.spdx) continue;
      out.push({
        severity: "warning",
        dataset: null,
        origin: null,
        subject: `label:${h.source.path}:${target}`,
        confidence: "high",
        message: `${h.source.path}:${h.source.line} labels the license "${(h.name ?? "").replace(/ -> \S+$/, "")}" and links ${target}, but ${target} is ${file.spdx}.`,
        fix: `Label the license in ${h.source.path} as ${file.spdx}, the license ${target} contains.`,
        evidence: [h.source, file.source],
        sources: [],
        weights: weightRefs(ctx),
      });
    }
    // A data license file that is less restrictive than the registry's terms for the training data it covers
    // (a stale copy of an upstream license, e.g. ODC-By copied before the upstream switched to CC BY-NC).
    const dataFiles = ctx.licenses.filter((h) => h.scope === "data" && h.matcher !== "prose" && h.matcher !== "named-in-prose" && h.spdx);
    for (const d of dataFiles) {
      for (const use of ctx.training) {
        const nc = use.resolved.restrictions.find((r) => (r.clause === "non-commercial" || r.clause === "research-only") && r.from === use.id);
        if (!nc || d.clauses.includes("non-commercial") || d.clauses.includes("research-only")) continue;
        // The data file speaks for data named beside it: a root DATA_LICENSE for the repository's own corpus says
        // nothing about a dataset that only a nested model's page names (models/Belle-VL/README.md's Flickr30k).
        const dir = (p: string) => p.slice(0, Math.max(0, p.lastIndexOf("/")));
        if (!use.mentions.some((m) => dir(m.evidence.path) === dir(d.source.path))) continue;
        const lic = use.resolved.dataset.license.spdx ?? use.resolved.dataset.license.ref ?? "its license";
        out.push({
          severity: "error",
          dataset: use.id,
          origin: use.id,
          subject: `data-file:${d.source.path}`,
          confidence: "medium",
          message: `${d.source.path} licenses the data as ${d.spdx}, but ${use.resolved.dataset.name} — the training data this repository uses — is ${lic}${nc.quote ? `: "${nc.quote}"` : ""}. The copy may be stale.`,
          fix: `Replace ${d.source.path} with ${use.resolved.dataset.name}'s current license (${lic}, ${nc.source}).`,
          evidence: [d.source, ...use.mentions.slice(0, 1).map((m) => m.evidence)],
          sources: [nc.source],
          weights: [],
        });
      }
    }
    return out;
  },
};

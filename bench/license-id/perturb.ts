// Generated variants of license texts: the forms a license takes in real repositories.
// Shared by the license-id benchmark and test/detect/license (so both judge the same set).

/** One generated case. */
export interface Case {
  /** What was done to the text. */
  form: Form;
  /** SPDX id whose text was used. */
  source: string;
  text: string;
}

export type Form = "canonical" | "copyright" | "reflow" | "markdown" | "crlf" | "no-title" | "cc-notice";
export const FORMS: readonly Form[] = ["canonical", "copyright", "reflow", "markdown", "crlf", "no-title", "cc-notice"];

const paragraphs = (t: string): string[] => t.replace(/\r\n?/g, "\n").split(/\n\s*\n/);

/** Re-wrap every paragraph at `width` columns (a copy pasted from another editor). */
export function reflow(text: string, width = 60): string {
  return paragraphs(text)
    .map((p) => {
      const words = p.split(/\s+/).filter(Boolean);
      const lines: string[] = [];
      let cur = "";
      for (const w of words) {
        if (cur && cur.length + 1 + w.length > width) {
          lines.push(cur);
          cur = w;
        } else cur = cur ? `${cur} ${w}` : w;
      }
      if (cur) lines.push(cur);
      return lines.join("\n");
    })
    .join("\n\n");
}

/** A Markdown rendering: "# Title", bold first words, "- " before numbered/lettered items. */
export function markdown(text: string): string {
  let titled = false;
  return paragraphs(text)
    .map((p) => {
      const t = p.trim();
      if (!t) return t;
      if (!titled) {
        titled = true;
        const [first, ...rest] = t.split("\n");
        return [`# ${first ?? ""}`, ...rest].join("\n");
      }
      const lines = t.split("\n");
      const f = lines[0] ?? "";
      if (/^(?:\(?[0-9a-z]{1,3}[.)])\s/i.test(f)) lines[0] = `- ${f}`;
      else lines[0] = f.replace(/^(\S+\s\S+)/, "**$1**");
      return lines.join("\n");
    })
    .join("\n\n");
}

/** Drop the first non-empty line when it looks like a title (no sentence punctuation, short). */
export function noTitle(text: string): string | undefined {
  const lines = text.split("\n");
  const i = lines.findIndex((l) => l.trim() !== "");
  const l = (lines[i] ?? "").trim();
  if (i < 0 || l.split(/\s+/).length > 10 || /[.;:,]$/.test(l) || !/licen[cs]e|agreement|version|terms/i.test(l)) return undefined;
  lines.splice(i, 1);
  const rest = lines.join("\n");
  // Only a title, not the license: a text left with a handful of words is not "the same license without its title".
  return rest.split(/\s+/).filter(Boolean).length >= 20 ? rest : undefined;
}

const CC_NAMES: Record<string, string> = { BY: "Attribution", NC: "NonCommercial", SA: "ShareAlike", ND: "NoDerivatives" };

/** The short CC notice (as the CC license chooser writes it) or a badge/short form, for a CC id. */
export function ccNotice(id: string, variant: number): string | undefined {
  const m = /^CC-(BY(?:-NC)?(?:-ND|-SA)?)-(\d\.\d)$/.exec(id);
  if (!m) return id === "CC0-1.0" ? "To the extent possible under law, the authors have waived all copyright and related rights to this work.\nSee https://creativecommons.org/publicdomain/zero/1.0/\n" : undefined;
  const parts = (m[1] ?? "").split("-");
  const version = m[2] ?? "";
  const path = parts.join("-").toLowerCase();
  const name = parts.map((p) => CC_NAMES[p] ?? p).join("-");
  const intl = version === "4.0" ? " International" : version === "3.0" ? " Unported" : " Generic";
  switch (variant % 3) {
    case 0:
      return `This work is licensed under a Creative Commons ${name} ${version}${intl} License.\nTo view a copy of this license, visit http://creativecommons.org/licenses/${path}/${version}/ or send a letter to Creative Commons, PO Box 1866, Mountain View, CA 94042, USA.\n`;
    case 1:
      return `[![License: CC ${parts.join("-")} ${version}](https://img.shields.io/badge/License-CC%20${parts.join("--")}%20${version}-lightgrey.svg)](https://creativecommons.org/licenses/${path}/${version}/)\n`;
    default:
      return `The model weights are released under CC ${parts.join("-")} ${version}.\n`;
  }
}

/** All generated cases for one SPDX text (forms that do not apply to it are skipped). */
export function casesFor(id: string, text: string, variant = 0): Case[] {
  const out: Case[] = [{ form: "canonical", source: id, text }];
  out.push({ form: "copyright", source: id, text: `Copyright (c) 2021-2024 Example Research Lab and contributors.\nAll rights reserved.\n\n${text}` });
  out.push({ form: "reflow", source: id, text: reflow(text, 60 + (variant % 3) * 13) });
  out.push({ form: "markdown", source: id, text: markdown(text) });
  out.push({ form: "crlf", source: id, text: text.replace(/\r?\n/g, "\r\n") });
  const nt = noTitle(text);
  if (nt) out.push({ form: "no-title", source: id, text: nt });
  const cc = ccNotice(id, variant);
  if (cc) out.push({ form: "cc-notice", source: id, text: cc });
  return out;
}

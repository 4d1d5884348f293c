/**
 * A dataset's lineage as an inline SVG: the dataset and its ancestors (from `ScanResult.lineage`)
 * in columns, the oldest ancestors on the left, an arrow from each parent to the dataset derived
 * from it. Retracted nodes are red, deprecated and defunct ones grey and dashed. The layout is a
 * plain layered layout computed here (columns by longest path, rows by first visit): lineages in
 * the registry are a handful of nodes, no graph library is needed.
 */
import type { LineageNode } from "../../core/types.js";
import { stripControl } from "../common.js";
import { ancestry } from "./model.js";

/** Escape text for HTML/SVG element content and attribute values. */
export function esc(s: string): string {
  return stripControl(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const NODE_H = 46;
const V_GAP = 18;
const H_GAP = 56;
const PAD = 8;
const MIN_W = 150;
const MAX_W = 300;
/** Left (and minimum right) padding of a node's text. */
const TEXT_X = 10;
/** Font sizes of a node's two lines (the CSS in html.ts uses the same). */
const NAME_PX = 12.5;
const META_PX = 11.5;

/**
 * Estimated advance of `text` in the system sans-serif, in px: per-character widths in em for
 * DejaVu Sans (the widest common fallback, so text stays inside its box on any system; measured
 * in Chromium), bold 8% wider. The full name is always in the node's <title>.
 */
export function textWidth(text: string, px: number, bold: boolean): number {
  let em = 0;
  for (const ch of text) {
    if (/[iljtfI.,:;'|!()[\] -]/.test(ch)) em += 0.34;
    else if (/[mwMW@]/.test(ch)) em += 0.92;
    else if (/[A-Z]/.test(ch)) em += 0.72;
    else if (/[0-9]/.test(ch)) em += 0.64;
    else em += 0.6;
  }
  return em * px * (bold ? 1.08 : 1);
}

/** The longest prefix of `text` (with an ellipsis when cut) that fits `max` px. */
function fit(text: string, px: number, bold: boolean, max: number): string {
  if (textWidth(text, px, bold) <= max) return text;
  const cps = Array.from(text);
  let n = cps.length;
  while (n > 1 && textWidth(`${cps.slice(0, n).join("")}…`, px, bold) > max) n--;
  return `${cps.slice(0, n).join("").trimEnd()}…`;
}

export interface LaidOutNode {
  id: string;
  node: LineageNode;
  x: number;
  y: number;
  w: number;
  focus: boolean;
}

export interface Layout {
  width: number;
  height: number;
  nodes: LaidOutNode[];
  edges: { from: string; to: string; d: string }[];
}

function label(n: LineageNode): [string, string] {
  const status = n.status === "active" ? "" : n.status.toUpperCase();
  const license = n.license ? n.license.replace(/^LicenseRef-/, "") : "license unknown";
  const meta = status ? `${status} · ${license}` : license;
  return [fit(n.name, NAME_PX, true, MAX_W - 2 * TEXT_X), fit(meta, META_PX, n.status === "retracted", MAX_W - 2 * TEXT_X)];
}

function boxWidth(n: LineageNode): number {
  const [name, meta] = label(n);
  return Math.ceil(Math.max(textWidth(name, NAME_PX, true), textWidth(meta, META_PX, n.status === "retracted")) + 2 * TEXT_X);
}

/** Compute node boxes and edge paths for `id`'s lineage. */
export function layoutLineage(id: string, lineage: ReadonlyMap<string, LineageNode>): Layout {
  const members = ancestry(id, lineage);
  const maxDepth = Math.max(0, ...members.map((m) => m.depth));
  const columns: { id: string; depth: number }[][] = Array.from({ length: maxDepth + 1 }, () => []);
  for (const m of members) columns[maxDepth - m.depth]!.push(m);
  const widths = columns.map((col) =>
    Math.min(MAX_W, Math.max(MIN_W, ...col.map((m) => boxWidth(lineage.get(m.id)!)))),
  );
  const tallest = Math.max(...columns.map((c) => c.length));
  const height = PAD * 2 + tallest * NODE_H + (tallest - 1) * V_GAP;
  const nodes: LaidOutNode[] = [];
  let x = PAD;
  columns.forEach((col, ci) => {
    const colH = col.length * NODE_H + (col.length - 1) * V_GAP;
    const y0 = (height - colH) / 2;
    col.forEach((m, ri) => nodes.push({ id: m.id, node: lineage.get(m.id)!, x, y: y0 + ri * (NODE_H + V_GAP), w: widths[ci]!, focus: m.id === id }));
    x += widths[ci]! + H_GAP;
  });
  const at = new Map(nodes.map((n) => [n.id, n]));
  const edges: Layout["edges"] = [];
  for (const child of nodes) {
    for (const p of child.node.parents) {
      const parent = at.get(p);
      if (!parent) continue;
      const x1 = parent.x + parent.w;
      const y1 = parent.y + NODE_H / 2;
      const x2 = child.x - 4;
      const y2 = child.y + NODE_H / 2;
      const dx = Math.max(16, (x2 - x1) / 2);
      edges.push({ from: p, to: child.id, d: `M${r(x1)},${r(y1)} C${r(x1 + dx)},${r(y1)} ${r(x2 - dx)},${r(y2)} ${r(x2)},${r(y2)}` });
    }
  }
  return { width: Math.round(x - H_GAP + PAD), height: Math.round(height), nodes, edges };
}

const r = (n: number): string => (Math.round(n * 10) / 10).toString();

/** The SVG markup for `id`'s lineage; `key` makes the marker id unique in the page. */
export function lineageSvg(id: string, lineage: ReadonlyMap<string, LineageNode>, key: string): string {
  const l = layoutLineage(id, lineage);
  const names = l.nodes.map((n) => n.node.name);
  const retracted = l.nodes.filter((n) => n.node.status === "retracted").map((n) => n.node.name);
  const aria = `Lineage of ${names[names.length - 1] ?? id}: ${l.nodes.length === 1 ? "no recorded parent datasets" : `derived from ${l.nodes.filter((n) => !n.focus).map((n) => n.node.name).join(", ")}`}${retracted.length > 0 ? `; retracted: ${retracted.join(", ")}` : ""}.`;
  const out: string[] = [];
  out.push(`<svg class="lineage" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${esc(aria)}" width="${l.width}" height="${l.height}" viewBox="0 0 ${l.width} ${l.height}">`);
  out.push(`<defs><marker id="arrow-${esc(key)}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="arrowhead"/></marker></defs>`);
  for (const e of l.edges) out.push(`<path class="edge" d="${e.d}" marker-end="url(#arrow-${esc(key)})" data-from="${esc(e.from)}" data-to="${esc(e.to)}"/>`);
  for (const n of l.nodes) {
    const [line1, line2] = label(n.node);
    const cls = ["node", `status-${n.node.status}`, ...(n.focus ? ["focus"] : [])].join(" ");
    out.push(
      `<g class="${esc(cls)}" data-id="${esc(n.id)}" data-status="${esc(n.node.status)}" transform="translate(${r(n.x)},${r(n.y)})">` +
        `<title>${esc(`${n.node.name} (${n.id}) · ${n.node.status} · ${n.node.license ?? "license unknown"}`)}</title>` +
        `<rect width="${n.w}" height="${NODE_H}" rx="6" ry="6"/>` +
        `<text x="${TEXT_X}" y="19" class="name">${esc(line1)}</text>` +
        `<text x="${TEXT_X}" y="36" class="meta">${esc(line2)}</text>` +
        `</g>`,
    );
  }
  out.push("</svg>");
  return out.join("");
}

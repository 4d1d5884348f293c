/**
 * One document model for Markdown and reStructuredText: the text is parsed once (Markdown by markdown-it, which
 * keeps each block's source lines) into sections, paragraphs, list items, tables, code blocks and front matter,
 * every part addressed by its source lines. The detectors read this model instead of re-deriving structure from
 * raw lines with their own regular expressions.
 *
 * All line numbers here are 0-based indexes into `lines` (the text split like `splitLines`); ranges are
 * half-open `[line, endLine)`, like markdown-it's `map`.
 */
import MarkdownIt from "markdown-it";
import { splitLines } from "../sources/text.js";
import { parseFrontMatter, type FrontMatter } from "./frontmatter.js";

export interface Section {
  /** Heading text as written (inline markup kept, HTML tags removed from HTML headings). */
  text: string;
  /** 1 (top) … 6. For reStructuredText, the order in which the underline styles first appear. */
  level: number;
  /** Line of the heading's text. */
  line: number;
  /** Lines the heading itself occupies (a setext or rST underline, a multi-line `<h2>`). */
  headingEnd: number;
  /** The section runs until the next heading of the same or a higher level. */
  endLine: number;
  /** Index of the enclosing section in `sections`, or -1. */
  parent: number;
  /** Heading texts from the top level down to this one. */
  path: string[];
  kind: "atx" | "setext" | "html" | "rst";
}

export interface Paragraph {
  /** The paragraph's source lines joined with one space (raw: markup and list markers kept), so an offset in a line is an offset in the text. */
  text: string;
  line: number;
  endLine: number;
  /** "prose" (a Markdown paragraph), "html" (a raw HTML block that is not a table). */
  kind: "prose" | "html";
  /** The paragraph sits in a list item. */
  inList: boolean;
  /** Offset in `text` where each of its lines starts. */
  starts: readonly number[];
  /** The source line (0-based) holding a text offset. */
  lineAt(offset: number): number;
}

export interface ListItem {
  line: number;
  endLine: number;
  /** 0 for a top-level item. */
  depth: number;
  ordered: boolean;
  /** The item's first line after its marker. */
  text: string;
}

/** Where a cell's content sits on one source line: `lines[line].slice(start, end)`. */
export interface CellSpan {
  line: number;
  start: number;
  end: number;
}

export interface TableCell {
  /** The cell's text: trimmed, HTML tags removed and entities decoded for HTML tables, Markdown kept. */
  text: string;
  /** Raw source of the cell's content. */
  raw: string;
  /** Column index (HTML `colspan` advances it). */
  col: number;
  colspan: number;
  line: number;
  spans: CellSpan[];
}

export interface TableRow {
  line: number;
  endLine: number;
  header: boolean;
  cells: TableCell[];
}

export interface Table {
  kind: "pipe" | "html";
  line: number;
  endLine: number;
  /** Header rows first (a pipe table has one; an HTML table its `<thead>` rows or a leading `<th>` row). */
  rows: TableRow[];
  /** Header cell texts by column (the last header row), or []. */
  header: string[];
}

export interface CodeBlock {
  /** For a fenced block, the opening fence line; the block includes the closing fence. */
  line: number;
  endLine: number;
  fenced: boolean;
  /** The fence's info string ("python", "bash"), or "" (an indented or rST literal block). */
  info: string;
}

export interface DocumentModel {
  flavour: "markdown" | "rst";
  lines: readonly string[];
  /** YAML front matter (a model card's metadata), or null. */
  frontMatter: { line: number; endLine: number; parsed: FrontMatter } | null;
  sections: Section[];
  paragraphs: Paragraph[];
  listItems: ListItem[];
  tables: Table[];
  codeBlocks: CodeBlock[];
  /** Per line: index of the innermost section the line is in (a heading line is in its own section), or -1. */
  sectionOf: Int32Array;
  /** Per line: index of the code block holding it, or -1. */
  codeOf: Int32Array;
  /** Per line: index of the table holding it, or -1. */
  tableOf: Int32Array;
  /** Per line: index of the row (in its table's `rows`) holding it, or -1 (a pipe table's delimiter row). */
  rowOf: Int32Array;
  /** Per line: index of the paragraph holding it, or -1. */
  paragraphOf: Int32Array;
  /** Per line: 1 + the index of the innermost list item holding it, or 0. */
  listItemOf: Int32Array;
}

export type Flavour = DocumentModel["flavour"];

/** reStructuredText by file name; everything else is read as Markdown. */
export const flavourOf = (path: string): Flavour => (/\.rst$/i.test(path) ? "rst" : "markdown");

// Block structure only: inline parsing (links, emphasis) is not needed and costs most of markdown-it's time.
const md = new MarkdownIt({ html: true });
md.core.ruler.disable(["inline", "linkify", "replacements", "smartquotes", "text_join"], true);

/**
 * The memo holds every document of one scan (detectors walk all texts in turn, so a small FIFO would miss on every
 * read of a repository with more docs than it holds), up to a character budget.
 */
const MEMO_SIZE = 4096;
const MEMO_CHARS = 16 * 1024 * 1024;
const MEMO = new Map<string, DocumentModel>();
let memoChars = 0;

/** The document model of a text, parsed once per (text, flavour): the pipeline asks for the same texts from several detectors. */
export function documentOf(text: string, flavour: Flavour = "markdown"): DocumentModel {
  const key = flavour === "rst" ? `rst\0${text}` : text;
  const hit = MEMO.get(key);
  if (hit) return hit;
  const doc = flavour === "rst" ? parseRst(text) : parseMarkdown(text);
  while (MEMO.size > 0 && (MEMO.size >= MEMO_SIZE || memoChars + key.length > MEMO_CHARS)) {
    const oldest = MEMO.keys().next().value!;
    memoChars -= oldest.length;
    MEMO.delete(oldest);
  }
  MEMO.set(key, doc);
  memoChars += key.length;
  return doc;
}

// ---------------------------------------------------------------------------------------------------------------
// Markdown
// ---------------------------------------------------------------------------------------------------------------

/** Longest line handed to markdown-it; longer ones (minified HTML, base64) are blanked: they hold no structure. */
const MAX_LINE = 20_000;

function parseMarkdown(text: string): DocumentModel {
  const lines = splitLines(text);
  const doc = emptyModel("markdown", lines);
  let fmEnd = 0;
  if (text.startsWith("---")) {
    const parsed = parseFrontMatter(text);
    if (parsed.bodyOffset > 0) {
      fmEnd = parsed.bodyOffset;
      doc.frontMatter = { line: 0, endLine: fmEnd, parsed };
    }
  }
  // Front matter and giant lines become blank lines, so markdown-it's line numbers stay the file's.
  let src = text;
  if (fmEnd > 0 || lines.some((l) => l.length > MAX_LINE)) {
    src = lines.map((l, i) => (i < fmEnd || l.length > MAX_LINE ? "" : l)).join("\n");
  }
  const tokens = md.parse(src, {});
  const headings: { level: number; text: string; line: number; end: number; kind: Section["kind"] }[] = [];
  const htmlBlocks: [number, number][] = [];
  const listStack: { ordered: boolean }[] = [];
  let pipe: { table: Table; row: TableRow | null; inHead: boolean } | null = null;
  const listItemStack: number[] = [];
  for (let t = 0; t < tokens.length; t++) {
    const tok = tokens[t]!;
    const map = tok.map;
    switch (tok.type) {
      case "heading_open": {
        const inline = tokens[t + 1]!;
        if (map) headings.push({ level: Number(tok.tag.slice(1)), text: inline.content.trim(), line: map[0], end: map[1], kind: tok.markup.startsWith("#") ? "atx" : "setext" });
        break;
      }
      case "paragraph_open":
        if (map) addParagraph(doc, map[0], map[1], "prose", listItemStack.length > 0);
        break;
      case "fence":
      case "code_block":
        if (map) doc.codeBlocks.push({ line: map[0], endLine: map[1], fenced: tok.type === "fence", info: tok.info.trim() });
        break;
      case "html_block":
        if (map) htmlBlocks.push([map[0], map[1]]);
        break;
      case "bullet_list_open":
      case "ordered_list_open":
        listStack.push({ ordered: tok.type === "ordered_list_open" });
        break;
      case "bullet_list_close":
      case "ordered_list_close":
        listStack.pop();
        break;
      case "list_item_open":
        if (map) {
          const first = lines[map[0]] ?? "";
          const m = /^\s*(?:[-*+]|\d{1,9}[.)])\s*(.*)$/.exec(first);
          listItemStack.push(doc.listItems.length);
          doc.listItems.push({ line: map[0], endLine: map[1], depth: listStack.length - 1, ordered: listStack[listStack.length - 1]?.ordered ?? false, text: (m ? m[1]! : first).trim() });
        }
        break;
      case "list_item_close":
        listItemStack.pop();
        break;
      case "table_open":
        if (map) pipe = { table: { kind: "pipe", line: map[0], endLine: map[1], rows: [], header: [] }, row: null, inHead: false };
        break;
      case "thead_open":
        if (pipe) pipe.inHead = true;
        break;
      case "thead_close":
        if (pipe) pipe.inHead = false;
        break;
      case "tr_open":
        if (pipe && map) {
          const row: TableRow = { line: map[0], endLine: map[1], header: pipe.inHead, cells: pipeCells(lines[map[0]] ?? "", map[0]) };
          pipe.table.rows.push(row);
          if (row.header) pipe.table.header = row.cells.map((c) => c.text);
        }
        break;
      case "table_close":
        if (pipe) doc.tables.push(pipe.table);
        pipe = null;
        break;
    }
  }
  // Raw HTML: headings and tables. A blank line inside a `<table>` ends markdown-it's HTML block (the rest may even
  // read as an indented code block), so tables are found on the source lines themselves, outside fenced code.
  const fenced = new Uint8Array(lines.length);
  for (const c of doc.codeBlocks) if (c.fenced) fenced.fill(1, c.line, c.endLine);
  const htmlTables = text.includes("<t") || text.includes("<T") ? findHtmlTables(lines, fenced, fmEnd) : [];
  if (htmlTables.length) {
    const covered = new Uint8Array(lines.length);
    for (const t of htmlTables) covered.fill(1, t.line, t.endLine);
    doc.codeBlocks = doc.codeBlocks.filter((c) => c.fenced || !covered[c.line]);
    doc.paragraphs = doc.paragraphs.filter((p) => !covered[p.line]);
    doc.tables.push(...htmlTables);
    doc.tables.sort((a, b) => a.line - b.line);
  }
  const inHtmlTable = new Uint8Array(lines.length);
  for (const t of htmlTables) inHtmlTable.fill(1, t.line, t.endLine);
  for (const [a, b] of htmlBlocks) {
    const block = lines.slice(a, b).join("\n");
    const inTable = inHtmlTable.subarray(a, b).includes(1);
    if (/<h[1-6]\b/i.test(block)) {
      for (const m of block.matchAll(/<h([1-6])\b[^>]*>([\s\S]*?)<\/h\1\s*>/gi)) {
        const inner = htmlText(m[2]!);
        if (!inner) continue;
        const at = a + countNewlines(block, 0, m.index);
        headings.push({ level: Number(m[1]), text: inner, line: at, end: a + countNewlines(block, 0, m.index + m[0].length) + 1, kind: "html" });
      }
    }
    const rest = htmlText(block.replace(/<h([1-6])\b[^>]*>[\s\S]*?<\/h\1\s*>/gi, " "));
    if (!inTable && !/^\s*<\/?(?:table|thead|tbody|tr|td|th)\b/i.test(block) && /[A-Za-z]{3}/.test(rest)) addParagraph(doc, a, b, "html", false);
  }
  headings.sort((x, y) => x.line - y.line);
  buildSections(doc, headings);
  doc.paragraphs.sort((x, y) => x.line - y.line);
  doc.codeBlocks.sort((x, y) => x.line - y.line);
  index(doc);
  return doc;
}

function emptyModel(flavour: Flavour, lines: readonly string[]): DocumentModel {
  const n = lines.length;
  return {
    flavour, lines, frontMatter: null, sections: [], paragraphs: [], listItems: [], tables: [], codeBlocks: [],
    sectionOf: new Int32Array(n).fill(-1), codeOf: new Int32Array(n).fill(-1), tableOf: new Int32Array(n).fill(-1),
    rowOf: new Int32Array(n).fill(-1), paragraphOf: new Int32Array(n).fill(-1), listItemOf: new Int32Array(n),
  };
}

function addParagraph(doc: DocumentModel, line: number, endLine: number, kind: Paragraph["kind"], inList: boolean): void {
  const parts = doc.lines.slice(line, endLine);
  const starts: number[] = [];
  let o = 0;
  for (const p of parts) {
    starts.push(o);
    o += p.length + 1;
  }
  doc.paragraphs.push({ text: parts.join(" "), line, endLine, kind, inList, starts, lineAt: (offset) => line + Math.max(0, upperBound(starts, offset) - 1) });
}

/** First index whose value is > x (binary search). */
function upperBound(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function countNewlines(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
}

/**
 * A GFM table row's cells with their spans, split like markdown-it splits them: on every `|` not escaped by a
 * backslash (GFM splits inside code spans too), with the outer pipes dropped.
 */
export function pipeCells(line: string, lineNo = 0): TableCell[] {
  const cells: TableCell[] = [];
  let i = line.length - line.trimStart().length;
  if (line[i] === "|") i++;
  let end = line.length;
  while (end > i && /\s/.test(line[end - 1]!)) end--;
  if (end > i && line[end - 1] === "|" && line[end - 2] !== "\\") end--;
  let start = i;
  for (; i <= end; i++) {
    if (i === end || (line[i] === "|" && line[i - 1] !== "\\")) {
      const raw = line.slice(start, i);
      const lead = raw.length - raw.trimStart().length;
      const text = raw.trim();
      const s = start + lead;
      cells.push({ text: text.replace(/\\\|/g, "|"), raw: text, col: cells.length, colspan: 1, line: lineNo, spans: [{ line: lineNo, start: s, end: s + text.length }] });
      start = i + 1;
    }
  }
  return cells;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", "#39": "'" };
/** Text of an HTML fragment: tags dropped, a few entities decoded, whitespace collapsed. */
export function htmlText(s: string): string {
  return s
    .replace(/<!--[\s\S]*?-->/g, " ")
    .replace(/<[^>]*>/g, " ")
    .replace(/&([a-z]+|#\d+);/gi, (m, e: string) => ENTITIES[e.toLowerCase()] ?? (e.startsWith("#") ? String.fromCharCode(Number(e.slice(1))) : m))
    .replace(/\s+/g, " ")
    .trim();
}

const TABLE_TAG = /<(\/?)(table|thead|tbody|tfoot|tr|th|td)\b((?:[^>"']|"[^"]*"|'[^']*')*)>/gi;

/**
 * HTML `<table>` blocks, read with a small tolerant tokenizer: rows may span lines, `</td>` / `</tr>` may be
 * missing, `<thead>` rows (or a leading row of `<th>` cells) are the header, `colspan` advances the column, nested
 * tables stay inside their outer cell.
 */
function findHtmlTables(lines: readonly string[], fenced: Uint8Array, from: number): Table[] {
  const out: Table[] = [];
  // Offsets of each line in the joined text.
  const starts: number[] = new Array(lines.length);
  let o = 0;
  for (let i = 0; i < lines.length; i++) {
    starts[i] = o;
    o += lines[i]!.length + 1;
  }
  const text = lines.map((l, i) => (fenced[i] || i < from || l.length > MAX_LINE ? " ".repeat(l.length) : l)).join("\n");
  const lineOf = (pos: number) => upperBound(starts, pos) - 1;
  TABLE_TAG.lastIndex = 0;
  let table: Table | null = null;
  let depth = 0;
  let inHead = false;
  let row: TableRow | null = null;
  let cell: { tag: string; contentStart: number; col: number; colspan: number; line: number } | null = null;
  let col = 0;
  const closeCell = (at: number) => {
    if (!cell || !row) return;
    const raw = text.slice(cell.contentStart, at);
    const spans: CellSpan[] = [];
    for (let l = lineOf(cell.contentStart); l <= lineOf(Math.max(cell.contentStart, at - 1)) && l < lines.length; l++) {
      let a = Math.max(cell.contentStart, starts[l]!) - starts[l]!;
      let b = Math.min(at, starts[l]! + lines[l]!.length) - starts[l]!;
      const ln = lines[l]!;
      while (a < b && /\s/.test(ln[a]!)) a++;
      while (b > a && /\s/.test(ln[b - 1]!)) b--;
      if (b > a) spans.push({ line: l, start: a, end: b });
    }
    row.cells.push({ text: htmlText(raw), raw: raw.trim(), col: cell.col, colspan: cell.colspan, line: cell.line, spans });
    if (cell.tag === "td") row.header = false;
    cell = null;
  };
  const closeRow = (at: number) => {
    closeCell(at);
    if (row && table) {
      row.endLine = lineOf(Math.max(0, at - 1)) + 1;
      if (row.cells.length) table.rows.push(row);
    }
    row = null;
  };
  const finish = (at: number) => {
    closeRow(at);
    if (!table) return;
    table.endLine = lineOf(Math.max(0, at - 1)) + 1;
    // Header: `<thead>` rows, or leading rows of `<th>` only; failing both, a first row with no link or image
    // ("<tr><td>Dataset</td><td>Model</td></tr>"), as in a pipe table whose first row is always the header.
    const rows = table.rows;
    if (!rows.some((r) => r.header) && rows.length > 1) {
      const first = rows[0]!;
      if (first.cells.length >= 2 && !first.cells.some((c) => /<a\b|<img\b|\]\(|:\/\//i.test(c.raw))) first.header = true;
    }
    let lastHeader = -1;
    for (let k = 0; k < rows.length && rows[k]!.header; k++) lastHeader = k;
    for (let k = lastHeader + 1; k < rows.length; k++) rows[k]!.header = false;
    if (lastHeader >= 0) {
      const h: string[] = [];
      for (const c of rows[lastHeader]!.cells) for (let s = 0; s < c.colspan; s++) h[c.col + s] = c.text;
      table.header = Array.from(h, (x) => x ?? "");
    }
    if (rows.length) out.push(table);
    table = null;
  };
  for (let m = TABLE_TAG.exec(text); m; m = TABLE_TAG.exec(text)) {
    const close = m[1] === "/";
    const tag = m[2]!.toLowerCase();
    const at = m.index;
    if (tag === "table") {
      if (!close) {
        if (depth === 0) table = { kind: "html", line: lineOf(at), endLine: lineOf(at) + 1, rows: [], header: [] };
        depth++;
      } else if (depth > 0) {
        depth--;
        if (depth === 0) finish(at + m[0].length);
      }
      continue;
    }
    if (depth !== 1 || !table) continue;
    if (tag === "thead") inHead = !close;
    else if (tag === "tbody" || tag === "tfoot") {
      if (!close) inHead = false;
    } else if (tag === "tr") {
      closeRow(at);
      if (!close) {
        row = { line: lineOf(at), endLine: lineOf(at) + 1, header: inHead, cells: [] };
        col = 0;
      }
    } else if (!close) {
      closeCell(at);
      if (!row) {
        row = { line: lineOf(at), endLine: lineOf(at) + 1, header: inHead, cells: [] };
        col = 0;
      }
      const span = /\bcolspan\s*=\s*["']?(\d{1,3})/i.exec(m[3] ?? "");
      const colspan = span ? Math.max(1, Number(span[1])) : 1;
      // A row is a header row while all its cells are <th> (or it sits in <thead>).
      if (row.cells.length === 0 && !inHead) row.header = tag === "th";
      cell = { tag, contentStart: at + m[0].length, col, colspan, line: lineOf(at + m[0].length) };
      col += colspan;
    } else {
      closeCell(at);
    }
  }
  if (table) finish(text.length);
  return out;
}

function buildSections(doc: DocumentModel, headings: { level: number; text: string; line: number; end: number; kind: Section["kind"] }[]): void {
  const stack: number[] = [];
  let prevLine = -1;
  for (const h of headings) {
    if (h.line === prevLine) continue; // one heading per line
    prevLine = h.line;
    while (stack.length && doc.sections[stack[stack.length - 1]!]!.level >= h.level) {
      doc.sections[stack.pop()!]!.endLine = h.line;
    }
    const parent = stack.length ? stack[stack.length - 1]! : -1;
    const path = parent >= 0 ? [...doc.sections[parent]!.path, h.text] : [h.text];
    stack.push(doc.sections.length);
    doc.sections.push({ text: h.text, level: h.level, line: h.line, headingEnd: Math.max(h.end, h.line + 1), endLine: doc.lines.length, parent, path, kind: h.kind });
  }
}

/** Fill the per-line indexes. */
function index(doc: DocumentModel): void {
  const n = doc.lines.length;
  for (let s = 0, cur = -1, l = 0; l < n; l++) {
    while (s < doc.sections.length && doc.sections[s]!.line <= l) cur = s++;
    doc.sectionOf[l] = cur;
  }
  doc.codeBlocks.forEach((c, k) => doc.codeOf.fill(k, c.line, Math.min(n, c.endLine)));
  doc.paragraphs.forEach((p, k) => doc.paragraphOf.fill(k, p.line, Math.min(n, p.endLine)));
  doc.listItems.forEach((it, k) => doc.listItemOf.fill(k + 1, it.line, Math.min(n, it.endLine)));
  doc.tables.forEach((t, k) => {
    doc.tableOf.fill(k, t.line, Math.min(n, t.endLine));
    t.rows.forEach((r, j) => doc.rowOf.fill(j, r.line, Math.min(n, r.endLine)));
  });
}

// ---------------------------------------------------------------------------------------------------------------
// reStructuredText
// ---------------------------------------------------------------------------------------------------------------

/** An rST adornment line: one punctuation character repeated. */
const RST_ADORNMENT = /^([=\-~^"'`#*+:._<>])\1{2,}\s*$/;
const RST_LIST = /^\s*(?:[-*+•]|#\.|\d{1,9}[.)]|\(\d{1,9}\))\s+(.*)$/;

/**
 * reStructuredText: sections from underlined (optionally overlined) titles, levels in the order the adornment
 * styles first appear; literal blocks after `::` and `.. code-block::` directives as code; the rest split into
 * paragraphs at blank lines. Tables (grid/simple) are not read.
 */
function parseRst(text: string): DocumentModel {
  const lines = splitLines(text);
  const doc = emptyModel("rst", lines);
  const styles: string[] = [];
  const headings: { level: number; text: string; line: number; end: number; kind: Section["kind"] }[] = [];
  const n = lines.length;
  let para: number[] = [];
  const flush = () => {
    if (para.length) addParagraph(doc, para[0]!, para[para.length - 1]! + 1, "prose", RST_LIST.test(lines[para[0]!]!));
    para = [];
  };
  // A literal block follows a paragraph ending in "::" or a code directive: the indented lines after it.
  let literal: { info: string; indent: number; block: CodeBlock | null } | null = null;
  for (let i = 0; i < n; i++) {
    const l = lines[i]!;
    const t = l.trim();
    if (literal) {
      const ind = l.length - l.trimStart().length;
      if (t === "") continue;
      if (literal.block === null && ind > 0) {
        literal.indent = ind;
        literal.block = { line: i, endLine: i + 1, fenced: false, info: literal.info };
        doc.codeBlocks.push(literal.block);
        continue;
      }
      if (literal.block && ind >= literal.indent) {
        literal.block.endLine = i + 1;
        continue;
      }
      literal = null;
    }
    // A title with its underline (and an optional overline of the same style).
    const next = lines[i + 1];
    if (t !== "" && !/^\s/.test(l) && !RST_ADORNMENT.test(l) && next !== undefined && RST_ADORNMENT.test(next) && next.trim().length >= Math.min(t.length, 3)) {
      const over = i > 0 && RST_ADORNMENT.test(lines[i - 1]!) && lines[i - 1]!.trim()[0] === next.trim()[0];
      const style = (over ? "o" : "u") + next.trim()[0];
      let level = styles.indexOf(style) + 1;
      if (level === 0) level = styles.push(style);
      flush();
      headings.push({ level: Math.min(level, 6), text: t, line: i, end: i + 2, kind: "rst" });
      i++;
      continue;
    }
    if (t === "" || RST_ADORNMENT.test(l)) {
      flush();
      continue;
    }
    const directive = /^\s*\.\.\s+(?:code-block|code|sourcecode)::\s*(\S*)/.exec(l);
    if (directive) {
      flush();
      literal = { info: directive[1] ?? "", indent: 0, block: null };
      continue;
    }
    const item = RST_LIST.exec(l);
    if (item) {
      flush();
      doc.listItems.push({ line: i, endLine: i + 1, depth: l.length - l.trimStart().length > 0 ? 1 : 0, ordered: !/^\s*[-*+•]/.test(l), text: item[1]!.trim() });
    }
    para.push(i);
    if (/::\s*$/.test(l)) {
      flush();
      literal = { info: "", indent: 0, block: null };
    }
  }
  flush();
  buildSections(doc, headings);
  index(doc);
  return doc;
}

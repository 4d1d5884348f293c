/**
 * Line-level view of a Markdown document, enough to give a dataset mention its context: the heading path above
 * it, the table (and column header) it sits in, the cell it is in, and whether it is inside a code block. Computed
 * from the document model (src/detect/document.ts), so every detector sees the same headings (ATX, setext,
 * HTML), tables (GFM pipe tables and HTML `<table>`s) and code blocks (fenced and indented).
 */
import { documentOf, type DocumentModel, type Flavour } from "./document.js";

/** Where one cell's content sits on a line: `line.slice(start, end)` is column `col`. */
export interface LineCell {
  col: number;
  start: number;
  end: number;
}

export interface LineContext {
  /** Heading texts from the top level down to the nearest heading above the line. */
  headings: string[];
  /** Index of the line of the nearest heading above (or -1), so sections can be compared. */
  section: number;
  /** For a table body row: the header cells of its table (by column; [] when the table has no header); otherwise null. */
  tableHeader: string[] | null;
  /** For a table body row: its cells' texts, by column. */
  cells: string[] | null;
  /** The line is (part of) a table's header row (its cells name columns: a dataset there is usually a metric column). */
  isTableHeader: boolean;
  /** For a line of a table row (header or body): the cells' content spans on this line. */
  cellSpans: LineCell[] | null;
  /** Index of the table (in the document model) the line belongs to, or -1. */
  table: number;
  /** The line is (part of) a heading. */
  isHeading: boolean;
  inCode: boolean;
}

/** The column of the cell whose span holds `index` on a line, or -1. */
export function cellAt(ctx: LineContext, index: number): LineCell | undefined {
  return ctx.cellSpans?.find((c) => index >= c.start && index < Math.max(c.end, c.start + 1));
}

/** One entry per line of the text (split like `splitLines`). */
export function markdownContexts(text: string, flavour: Flavour = "markdown"): LineContext[] {
  return contextsOf(documentOf(text, flavour));
}

const CTX_MEMO = new WeakMap<DocumentModel, LineContext[]>();

export function contextsOf(doc: DocumentModel): LineContext[] {
  const hit = CTX_MEMO.get(doc);
  if (hit) return hit;
  const n = doc.lines.length;
  const out: LineContext[] = new Array(n);
  const headingLine = new Uint8Array(n);
  for (const s of doc.sections) headingLine.fill(1, s.line, Math.min(n, s.headingEnd));
  const NONE: string[] = [];
  for (let i = 0; i < n; i++) {
    const si = doc.sectionOf[i]!;
    const sec = si >= 0 ? doc.sections[si]! : undefined;
    const ti = doc.tableOf[i]!;
    const ri = doc.rowOf[i]!;
    const table = ti >= 0 ? doc.tables[ti]! : undefined;
    const row = table && ri >= 0 ? table.rows[ri] : undefined;
    let cells: string[] | null = null;
    let cellSpans: LineCell[] | null = null;
    if (row) {
      cellSpans = [];
      for (const c of row.cells) for (const sp of c.spans) if (sp.line === i) cellSpans.push({ col: c.col, start: sp.start, end: sp.end });
      if (!row.header) {
        cells = [];
        for (const c of row.cells) for (let k = 0; k < c.colspan; k++) cells[c.col + k] = c.text;
        cells = Array.from(cells, (x) => x ?? "");
      }
    }
    out[i] = {
      headings: sec ? sec.path : NONE,
      section: sec ? sec.line : -1,
      tableHeader: cells ? table!.header : null,
      cells,
      isTableHeader: row?.header === true,
      cellSpans,
      table: ti,
      isHeading: headingLine[i] === 1,
      inCode: doc.codeOf[i]! >= 0,
    };
  }
  CTX_MEMO.set(doc, out);
  return out;
}

/**
 * Line-level structure of a Markdown document, enough to give a dataset mention
 * its context: the heading path above it, the table (and column header) it sits
 * in, and whether it is inside a fenced code block.
 */

export interface LineContext {
  /** Heading texts from the top level down to the nearest heading above the line. */
  headings: string[];
  /** Index of the line of the nearest heading above (or -1), so sections can be compared. */
  section: number;
  /** For a table row: the header cells of its table; otherwise null. */
  tableHeader: string[] | null;
  /** For a table row: its cells. */
  cells: string[] | null;
  /** The line is a table's header row (its cells name columns: a dataset there is usually a metric column). */
  isTableHeader: boolean;
  inCode: boolean;
}

const HEADING = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
// GFM allows one dash per delimiter cell (`| :- | -: |`); a lone column still needs two, so a `-` list line is not one.
const TABLE_SEP = /^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)+\|?\s*$|^\s*\|?\s*:?-{2,}:?\s*\|?\s*$/;

export function splitRow(line: string): string[] {
  let s = line.trim();
  if (s.startsWith("|")) s = s.slice(1);
  if (s.endsWith("|")) s = s.slice(0, -1);
  return s.split("|").map((c) => c.trim());
}

/** One pass over the lines; O(n). */
export function markdownContexts(lines: readonly string[]): LineContext[] {
  const out: LineContext[] = [];
  const stack: { level: number; text: string; line: number }[] = [];
  let inCode = false;
  let fence = "";
  let header: string[] | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const fm = /^\s{0,3}(```+|~~~+)/.exec(line);
    if (fm) {
      if (!inCode) {
        inCode = true;
        fence = fm[1]!.slice(0, 3);
      } else if (line.trim().startsWith(fence)) {
        inCode = false;
      }
    }
    const h = inCode ? null : HEADING.exec(line);
    if (h) {
      const level = h[1]!.length;
      while (stack.length && stack[stack.length - 1]!.level >= level) stack.pop();
      stack.push({ level, text: h[2]!, line: i });
      header = null;
    }
    // A table header is the row right above a separator row.
    const next = lines[i + 1];
    const isTableHeader = !inCode && line.includes("|") && next !== undefined && TABLE_SEP.test(next);
    if (isTableHeader) header = splitRow(line);
    else if (!line.includes("|") && line.trim() !== "") header = null;
    const isRow = !isTableHeader && !inCode && header !== null && line.includes("|") && !TABLE_SEP.test(line);
    out.push({
      headings: stack.map((s) => s.text),
      section: stack.length ? stack[stack.length - 1]!.line : -1,
      tableHeader: isRow ? header : null,
      cells: isRow ? splitRow(line) : null,
      isTableHeader,
      inCode,
    });
  }
  return out;
}

import { describe, expect, it } from "vitest";
import { documentOf, pipeCells } from "../../src/detect/document.js";
import { cellAt, markdownContexts } from "../../src/detect/markdown.js";

const md = (...lines: string[]) => lines.join("\n");

describe("detect/document: sections", () => {
  it("reads ATX, setext and HTML headings with levels, lines and parent paths", () => {
    const doc = documentOf(
      md(
        "Project", //            0
        "=======", //            1
        "", //                   2
        '<h2 align="center">Pretrained <b>models</b></h2>', // 3
        "", //                   4
        "### Market-1501", //    5
        "", //                   6
        "Results", //            7
        "-------", //            8
        "more", //               9
      ),
    );
    expect(doc.sections.map((s) => [s.text, s.level, s.line, s.kind, s.parent])).toEqual([
      ["Project", 1, 0, "setext", -1],
      ["Pretrained models", 2, 3, "html", 0],
      ["Market-1501", 3, 5, "atx", 1],
      ["Results", 2, 7, "setext", 0],
    ]);
    expect(doc.sections[2]!.path).toEqual(["Project", "Pretrained models", "Market-1501"]);
    // A section runs to the next heading of the same or a higher level.
    expect(doc.sections[1]!.endLine).toBe(7);
    expect(Array.from(doc.sectionOf)).toEqual([0, 0, 0, 1, 1, 2, 2, 3, 3, 3]);
  });

  it("does not take a '#' line in a fenced block, or inline triple backticks, for structure", () => {
    const doc = documentOf(md("```car.fhd.config``` + 160 epochs:", "", "```", "# not a heading", "```", "## Real"));
    expect(doc.sections.map((s) => s.text)).toEqual(["Real"]);
    expect(doc.codeBlocks).toEqual([{ line: 2, endLine: 5, fenced: true, info: "" }]);
  });

  it("reads reStructuredText titles, levels in order of first use, with overlines", () => {
    const doc = documentOf(
      md("=======", "Title", "=======", "", "Install", "-------", "", "text", "", "Models", "~~~~~~", "", "Usage", "-----"),
      "rst",
    );
    expect(doc.sections.map((s) => [s.text, s.level, s.line])).toEqual([
      ["Title", 1, 1],
      ["Install", 2, 4],
      ["Models", 3, 9],
      ["Usage", 2, 12],
    ]);
    expect(doc.sections[2]!.path).toEqual(["Title", "Install", "Models"]);
  });

  it("reads rST literal blocks after '::' and code directives as code", () => {
    const doc = documentOf(md("Run this::", "", "    python train.py --data imagenet", "", "Then", "", ".. code-block:: bash", "", "   sh get.sh", "", "After."), "rst");
    expect(doc.codeBlocks.map((c) => [c.line, c.endLine, c.info])).toEqual([
      [2, 3, ""],
      [8, 9, "bash"],
    ]);
    expect(doc.paragraphs.map((p) => p.text)).toEqual(["Run this::", "Then", "After."]);
  });
});

describe("detect/document: tables", () => {
  it("reads a GFM pipe table: header, rows, each cell's text and span on its line", () => {
    const lines = ["Intro", "", "| Datasets | MSMT17 | Market |", "| --- | :-: | -: |", "| Model | [model](https://drive.google.com/a) | a \\| b |"];
    const doc = documentOf(md(...lines));
    expect(doc.tables).toHaveLength(1);
    const t = doc.tables[0]!;
    expect([t.kind, t.line, t.endLine, t.header]).toEqual(["pipe", 2, 5, ["Datasets", "MSMT17", "Market"]]);
    const body = t.rows[1]!;
    expect(body.header).toBe(false);
    expect(body.cells.map((c) => c.text)).toEqual(["Model", "[model](https://drive.google.com/a)", "a | b"]);
    for (const c of body.cells) expect(lines[4]!.slice(c.spans[0]!.start, c.spans[0]!.end).replace("\\|", "|")).toBe(c.text);
    expect(doc.rowOf[3]).toBe(-1); // the delimiter row is no row
  });

  it("reads an HTML table whose rows span lines, with thead, colspan, links, '|' in a cell and a blank line inside", () => {
    const lines = [
      "<table>", //                                            0
      '  <thead><tr><th style="text-align:center">Datasets</th><th colspan="2">Market-1501</th><th>Duke</th></tr></thead>', // 1
      "  <tbody>", //                                          2
      "  <tr>", //                                             3
      "    <td>Model</td>", //                                 4
      "", //                                                   5
      '    <td><a href="https://drive.google.com/x">model</a> | mirror</td>', // 6
      "    <td>", //                                           7
      "      85.1", //                                         8
      "    </td>", //                                          9
      "  </tr>", //                                            10
      "</table>", //                                           11
    ];
    const doc = documentOf(md(...lines));
    expect(doc.tables).toHaveLength(1);
    const t = doc.tables[0]!;
    expect([t.kind, t.line, t.endLine]).toEqual(["html", 0, 12]);
    expect(t.header).toEqual(["Datasets", "Market-1501", "Market-1501", "Duke"]);
    const [head, row] = t.rows;
    expect(head!.header).toBe(true);
    expect([row!.line, row!.endLine, row!.header]).toEqual([3, 11, false]);
    expect(row!.cells.map((c) => [c.text, c.col, c.line])).toEqual([
      ["Model", 0, 4],
      ["model | mirror", 1, 6],
      ["85.1", 2, 7],
    ]);
    expect(row!.cells[1]!.spans).toEqual([{ line: 6, start: 8, end: lines[6]!.length - 5 }]);
    expect(row!.cells[2]!.spans).toEqual([{ line: 8, start: 6, end: 10 }]);
    // The indented line after the blank line is a cell, not an indented code block.
    expect(doc.codeBlocks).toEqual([]);
    const ctx = markdownContexts(md(...lines));
    expect(ctx[1]!.isTableHeader).toBe(true);
    expect(ctx[6]!.cells).toEqual(["Model", "model | mirror", "85.1"]);
    expect(ctx[6]!.tableHeader).toEqual(t.header);
    expect(cellAt(ctx[6]!, lines[6]!.indexOf("model"))?.col).toBe(1);
    expect(cellAt(ctx[1]!, lines[1]!.indexOf("Duke"))?.col).toBe(3);
  });

  it("takes a first HTML row without links as the header when there is no <th> or <thead>", () => {
    const doc = documentOf(md("<table>", "<tr><td>Dataset</td><td>Weights</td></tr>", '<tr><td>VOC</td><td><a href="https://x/y.pth">y</a></td></tr>', "</table>"));
    expect(doc.tables[0]!.header).toEqual(["Dataset", "Weights"]);
    expect(doc.tables[0]!.rows.map((r) => r.header)).toEqual([true, false]);
  });

  it("splits pipe rows like GFM: escaped pipes stay, outer pipes drop", () => {
    expect(pipeCells("| a | b \\| c |").map((c) => c.text)).toEqual(["a", "b | c"]);
    expect(pipeCells("a | b").map((c) => c.text)).toEqual(["a", "b"]);
  });
});

describe("detect/document: blocks", () => {
  it("keeps fenced (with info string) and indented code blocks, and front matter lines", () => {
    const doc = documentOf(md("---", "license: mit", "datasets: [imagenet-1k]", "---", "Text", "", "    indented", "", "~~~python", "x = 1", "~~~"));
    expect(doc.frontMatter?.endLine).toBe(4);
    expect(doc.frontMatter?.parsed.data).toMatchObject({ license: "mit" });
    expect(doc.codeBlocks).toEqual([
      { line: 6, endLine: 7, fenced: false, info: "" },
      { line: 8, endLine: 11, fenced: true, info: "python" },
    ]);
    expect(doc.paragraphs.map((p) => p.text)).toEqual(["Text"]);
  });

  it("joins a wrapped paragraph and maps a text offset back to its source line", () => {
    const lines = ["# T", "", "The models are trained", "on ImageNet-1k and", "evaluated on COCO.", "", "- a list item", "  wrapped"];
    const doc = documentOf(md(...lines));
    const p = doc.paragraphs[0]!;
    expect(p.text).toBe("The models are trained on ImageNet-1k and evaluated on COCO.");
    expect([p.line, p.endLine, p.inList]).toEqual([2, 5, false]);
    expect(p.lineAt(p.text.indexOf("trained"))).toBe(2);
    expect(p.lineAt(p.text.indexOf("ImageNet"))).toBe(3);
    expect(p.lineAt(p.text.indexOf("COCO"))).toBe(4);
    // The offset of a line's start in the text is that line's start.
    expect(p.text.slice(p.starts[1], p.starts[1]! + lines[3]!.length)).toBe(lines[3]);
    expect(doc.listItems.map((i) => [i.line, i.endLine, i.depth, i.text])).toEqual([[6, 8, 0, "a list item"]]);
    expect(doc.paragraphs[1]!.inList).toBe(true);
  });

  it("parses a text once (memoised) and survives a giant line", () => {
    const text = md("# A", "x".repeat(30_000), "text");
    expect(documentOf(text)).toBe(documentOf(text));
    expect(documentOf(text).lines).toHaveLength(3);
  });
});

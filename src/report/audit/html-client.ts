/**
 * The audit page's script, inlined into the HTML as is: sorts the table when a column header is
 * clicked (numbers and severities by rank, text with numeric collation so `README.md:9` comes
 * before `README.md:10`), and filters rows by the search box, the severity and the rule. It reads
 * the row data from the page's `<script type="application/json">` and writes only `hidden`,
 * `aria-sort` and text (never HTML), so nothing from a scanned repository is parsed as markup.
 * Plain ES2017 in a string: the package's TypeScript has no DOM types, and the page runs it under
 * a CSP that allows only this script's hash.
 */
export const CLIENT_SCRIPT = `(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("audit-data").textContent);
  var table = document.getElementById("audit-table");
  if (!table) return;
  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.rows);
  var fields = ["repository", "sevKey", "rule", "dataset", "datasetName", "origin", "originName", "weightsLicense", "evidence", "evidenceText", "message"];
  var haystack = data.rows.map(function (r) {
    return fields.map(function (f) { return r[f] == null ? "" : String(r[f]); }).join("\\n").toLowerCase();
  });
  var collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });
  var text = document.getElementById("filter-text");
  var severity = document.getElementById("filter-severity");
  var rule = document.getElementById("filter-rule");
  var count = document.getElementById("filter-count");
  var none = document.getElementById("filter-none");
  var indexOf = function (tr) { return Number(tr.getAttribute("data-i")); };

  function apply() {
    var q = text.value.trim().toLowerCase();
    var s = severity.value;
    var r = rule.value;
    var shown = 0;
    rows.forEach(function (tr) {
      var i = indexOf(tr);
      var row = data.rows[i];
      var ok = (!q || haystack[i].indexOf(q) !== -1) && (!s || row.sevKey === s) && (!r || row.rule === r);
      tr.hidden = !ok;
      if (ok) shown++;
    });
    count.textContent = "Showing " + shown + " of " + rows.length + " rows";
    none.hidden = shown !== 0;
  }
  text.addEventListener("input", apply);
  severity.addEventListener("change", apply);
  rule.addEventListener("change", apply);

  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var empty = function (v) { return v === null || v === undefined || v === ""; };
  headers.forEach(function (th) {
    var button = th.querySelector("button");
    if (!button) return;
    button.addEventListener("click", function () {
      var key = th.getAttribute("data-key");
      var type = th.getAttribute("data-type");
      var was = th.getAttribute("aria-sort");
      var dir = was === "ascending" ? "descending" : was === "descending" ? "ascending" : type === "text" ? "ascending" : "descending";
      headers.forEach(function (h) { if (h.hasAttribute("aria-sort")) h.setAttribute("aria-sort", "none"); });
      th.setAttribute("aria-sort", dir);
      var sign = dir === "ascending" ? 1 : -1;
      rows = rows.slice().sort(function (a, b) {
        var ia = indexOf(a);
        var ib = indexOf(b);
        var va = data.rows[ia][key];
        var vb = data.rows[ib][key];
        // Empty cells go last whichever the direction; ties keep the report's order.
        if (empty(va) !== empty(vb)) return empty(va) ? 1 : -1;
        var c = empty(va) ? 0 : type === "num" ? va - vb : collator.compare(String(va), String(vb));
        return c * sign || ia - ib;
      });
      rows.forEach(function (tr) { tbody.appendChild(tr); });
      document.getElementById("sort-status").textContent = "Sorted by " + button.textContent + ", " + dir;
    });
  });
  apply();
})();
`;

/* cascade report: sort a table by clicking a header, filter it with its search box. No network.
   Every row is in the page; a long table shows its first data-page matching rows and a button for the rest,
   so sorting and searching ten thousand findings stays quick. Printing shows every row. */
(function () {
  "use strict";
  var each = function (list, fn) { Array.prototype.forEach.call(list, fn); };
  var collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

  function value(row, i) {
    var cell = row.cells[i];
    return cell ? (cell.getAttribute("data-v") || cell.textContent.trim()) : "";
  }

  function text(row) {
    return row.searchText || (row.searchText = row.textContent.toLowerCase());
  }

  function render(table) {
    var st = table.cascade;
    var matching = st.words.length ? st.rows.filter(function (r) {
      var t = text(r);
      return st.words.every(function (w) { return t.indexOf(w) >= 0; });
    }) : st.rows;
    var frag = document.createDocumentFragment();
    matching.slice(0, st.limit).forEach(function (r) { frag.appendChild(r); });
    var body = table.tBodies[0];
    body.textContent = "";
    body.appendChild(frag);
    if (st.shown) { st.shown.textContent = matching.length + " / " + st.rows.length; }
    if (st.more) {
      st.more.hidden = matching.length <= st.limit;
      st.more.textContent = st.more.getAttribute("data-label") + " (" + matching.length + ")";
    }
  }

  function sort(table, i, th) {
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    each(th.parentNode.cells, function (c) { c.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var numeric = th.getAttribute("data-type") === "num";
    var keyed = table.cascade.rows.map(function (r) {
      var v = value(r, i);
      return [numeric ? (parseFloat(v) || 0) : v, r];
    });
    keyed.sort(function (a, b) {
      var r = numeric ? a[0] - b[0] : collator.compare(a[0], b[0]);
      return ascending ? r : -r;
    });
    table.cascade.rows = keyed.map(function (k) { return k[1]; });
    render(table);
  }

  each(document.querySelectorAll("table.data"), function (table) {
    var block = table.closest(".table-block");
    var st = table.cascade = {
      rows: Array.prototype.slice.call(table.tBodies[0].rows), words: [],
      limit: parseInt(table.getAttribute("data-page"), 10) || Infinity,
      shown: block && block.querySelector(".shown"), more: block && block.querySelector("button.more-rows")
    };
    if (st.more) {
      st.more.addEventListener("click", function () { st.limit = Infinity; render(table); });
    }
    each(table.tHead.rows[0].cells, function (th, i) {
      th.tabIndex = 0;
      th.addEventListener("click", function () { sort(table, i, th); });
      th.addEventListener("keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(table, i, th); }
      });
    });
    render(table);
  });

  each(document.querySelectorAll("input.filter"), function (input) {
    var table = document.getElementById(input.getAttribute("data-table"));
    input.addEventListener("input", function () {
      table.cascade.words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      render(table);
    });
  });

  window.addEventListener("beforeprint", function () {
    each(document.querySelectorAll("details"), function (d) { d.open = true; });
    each(document.querySelectorAll("table.data"), function (t) { t.cascade.limit = Infinity; render(t); });
  });
})();

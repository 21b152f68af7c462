/* newsdesk: make the article tables sortable (vendored tablesort, no CDN).
   Material's instant navigation replaces pages without reloading, so hook document$. */
(function () {
  // Numbers ("1,715", "587") sort by value, not as text. Same contract as tablesort's
  // own number extension: the comparison returns b - a.
  if (typeof Tablesort !== "undefined" && !Tablesort.ndNumbers) {
    Tablesort.ndNumbers = true;
    var clean = function (text) { return parseFloat(text.replace(/[^0-9.\-]/g, "")); };
    Tablesort.extend("number", function (item) {
      return /^\s*-?[\d,]+(\.\d+)?\s*$/.test(item);
    }, function (a, b) {
      var x = clean(a), y = clean(b);
      return (isNaN(y) ? 0 : y) - (isNaN(x) ? 0 : x);
    });
  }
  function sortable() {
    document.querySelectorAll("article table:not([class])").forEach(function (table) {
      if (!table.dataset.ndSortable && typeof Tablesort !== "undefined") {
        table.dataset.ndSortable = "1";
        new Tablesort(table);
      }
    });
  }
  if (typeof document$ !== "undefined") {
    document$.subscribe(sortable);
  } else {
    document.addEventListener("DOMContentLoaded", sortable);
  }
})();

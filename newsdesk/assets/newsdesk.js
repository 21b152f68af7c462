/* newsdesk: make the article tables sortable (vendored tablesort, no CDN).
   Material's instant navigation replaces pages without reloading, so hook document$. */
(function () {
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

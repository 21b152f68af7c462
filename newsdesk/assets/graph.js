/* newsdesk: the co-mention graph page. Data comes from data/graph.js (a script, so the
   page also works from file://); the drawing library is the vendored Cytoscape.js.
   Keyboard: the "Focus on" list selects an entity; its neighbours are announced and
   listed, and Enter on the "Open page" link goes to it. */
(function () {
  function init() {
    var box = document.getElementById("nd-graph");
    var data = window.newsdeskGraph;
    if (!box || !data || typeof cytoscape === "undefined") return;
    var base = box.getAttribute("data-base") || "";
    var maxMentions = Math.max.apply(null, data.nodes.map(function (n) { return n.mentions; }).concat([1]));
    var colours = { person: "#1e88e5", organization: "#e53935", place: "#43a047" };
    var cy = cytoscape({
      container: box,
      elements: data.nodes.map(function (n) {
        return { data: { id: n.id, label: n.name, kind: n.kind, size: 12 + 38 * Math.sqrt(n.mentions / maxMentions), url: n.url } };
      }).concat(data.edges.map(function (e) {
        return { data: { id: e.source + "|" + e.target, source: e.source, target: e.target, weight: e.weight } };
      })),
      style: [
        { selector: "node", style: { "label": "data(label)", "width": "data(size)", "height": "data(size)",
          "font-size": 10, "background-color": function (n) { return colours[n.data("kind")] || "#777"; } } },
        { selector: "edge", style: { "width": "mapData(weight, 1, 10, 1, 6)", "line-color": "#bbb", "opacity": 0.6 } },
        { selector: ".nd-faded", style: { "opacity": 0.15 } },
        { selector: "node:selected", style: { "border-width": 3, "border-color": "#000" } }
      ],
      layout: { name: "cose", animate: false, randomize: false }
    });
    var select = document.getElementById("nd-graph-select");
    var info = document.getElementById("nd-graph-info");
    function focus(id) {
      var node = cy.getElementById(id);
      if (!node || node.empty()) return;
      cy.elements().addClass("nd-faded");
      var hood = node.closedNeighborhood();
      hood.removeClass("nd-faded");
      cy.elements().unselect();
      node.select();
      cy.animate({ fit: { eles: hood, padding: 40 } }, { duration: 200 });
      var names = node.neighborhood("node").map(function (n) { return n.data("label"); }).sort();
      info.innerHTML = "";
      var link = document.createElement("a");
      link.href = base + node.data("url");
      link.textContent = "Open the page of " + node.data("label");
      info.appendChild(link);
      var text = document.createElement("p");
      text.textContent = names.length + " entities mentioned with it: " + names.join(", ");
      info.appendChild(text);
      if (select.value !== id) select.value = id;
    }
    cy.on("tap", "node", function (event) { focus(event.target.id()); });
    cy.on("dbltap", "node", function (event) { window.location.href = base + event.target.data("url"); });
    select.addEventListener("change", function () { focus(select.value); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();

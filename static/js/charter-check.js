// Boundary charter editor: check each row's letters as people type (the server checks again on save).
// The messages come from the page (data attributes written by the server), so they are translated with it.
(function () {
  "use strict";
  var grid = document.querySelector("table.charter-grid[data-msg-no-a]");
  if (!grid) { return; }
  var msg = grid.dataset;

  function problems(row) {
    var cells = row.querySelectorAll("td.raci input[type=text]");
    if (!cells.length) { return []; }
    var a = 0, r = 0, bad = false, filled = false;
    cells.forEach(function (input) {
      var letters = input.value.replace(/\s+/g, "").toUpperCase();
      if (letters) { filled = true; }
      if (/[^RACI]/.test(letters) || new Set(letters).size !== letters.length) { bad = true; }
      a += (letters.match(/A/g) || []).length;
      r += (letters.match(/R/g) || []).length;
    });
    if (!filled && row.id === "row-new") { return []; }  // an empty "add a row" line is not a row yet
    var out = [];
    if (bad) { out.push(msg.msgLetters); }
    if (a === 0) { out.push(msg.msgNoA); } else if (a > 1) { out.push(msg.msgManyA.replace("{count}", String(a))); }
    if (r === 0) { out.push(msg.msgNoR); }
    return out;
  }

  function check(row) {
    var head = row.querySelector("th");
    var live = row.querySelector(".row-live");
    if (!live) {
      live = document.createElement("p");
      live.className = "small text-danger-emphasis mb-0 row-live";
      live.setAttribute("role", "status");
      head.appendChild(live);
    }
    var found = problems(row);
    live.textContent = found.join(" ");
    row.classList.toggle("table-danger", found.length > 0);
  }

  grid.addEventListener("input", function (event) {
    var row = event.target.closest("tr");
    if (row) { check(row); }
  });
})();

// The results page's report status: while the worker prepares the PDF, ask the server every few seconds and
// show its answer, so the page never needs a reload. Without this script the status offers a "Check again" link.
(function () {
  "use strict";
  var box = document.querySelector(".report-status[data-status-url]");
  if (!box || box.getAttribute("data-state") !== "preparing") { return; }
  var url = box.getAttribute("data-status-url");
  var tries = 0;

  function ask() {
    tries += 1;
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (reply) {
        if (reply && reply.state !== "preparing") {
          box.setAttribute("data-state", reply.state);
          box.innerHTML = reply.html; // rendered by the server, escaped there
          return;
        }
        if (tries < 150) { window.setTimeout(ask, tries < 10 ? 2000 : 5000); }
      })
      .catch(function () { if (tries < 150) { window.setTimeout(ask, 5000); } });
  }

  window.setTimeout(ask, 2000);
})();

// Scenario explorer: the GET form works without this; with it, the advice updates as answers change.
(function () {
  "use strict";
  var form = document.querySelector("form[data-scenario]");
  var target = document.getElementById("scenario-result");
  if (!form || !target) { return; }
  var timer = null;
  var latest = 0;

  function update() {
    var params = new URLSearchParams(new FormData(form));
    var stored = form.getAttribute("action") + "?" + params.toString();
    params.set("partial", "1");
    var ticket = ++latest;
    fetch(form.getAttribute("action") + "?" + params.toString(), { credentials: "same-origin" })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        if (ticket !== latest) { return; }  // an older answer arrived after a newer one
        var holder = document.createElement("div");
        holder.innerHTML = html;
        var fresh = holder.querySelector("#scenario-result");
        if (fresh) {
          target.replaceWith(fresh);
          target = fresh;
          if (window.location.pathname === form.getAttribute("action")) { history.replaceState(null, "", stored); }
        }
      });
  }

  form.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(update, 300);
  });
  form.addEventListener("change", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(update, 50);
  });
})();

// Next to each number box, what the server understood ("= $5,000,000 a year") or why it cannot read it.
// The server's parser is the only one: this script asks it, so the echo and the saved value never differ.
(function () {
  "use strict";
  var echoes = document.querySelectorAll("[data-echo-for][data-echo-url]");
  Array.prototype.forEach.call(echoes, function (echo) {
    var input = document.getElementById(echo.getAttribute("data-echo-for"));
    if (!input) { return; }
    var timer = null;
    var asked = 0;

    function show(text, problem) {
      echo.textContent = text;
      echo.classList.toggle("text-danger", problem);
    }

    function ask() {
      var text = input.value.trim();
      var mine = ++asked;
      if (!text) { show("", false); return; }
      var url = echo.getAttribute("data-echo-url") + "?" + new URLSearchParams({ text: text });
      fetch(url, { credentials: "same-origin", headers: { "X-Requested-With": "XMLHttpRequest" } })
        .then(function (response) { return response.json(); })
        .then(function (body) {
          if (mine !== asked) { return; }  // a later keystroke has its own answer on the way
          if (body.echo) { show(body.echo, false); } else { show(body.message || "", true); }
        })
        .catch(function () { /* the echo is a help only; the server checks again on save */ });
    }

    input.addEventListener("input", function () { window.clearTimeout(timer); timer = window.setTimeout(ask, 250); });
  });
})();

// Autosave for questionnaire steps: the page works without it; with it, a closed tab loses nothing.
// The messages come from the page (data attributes written by the server), so they are translated with it.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  if (!form || !form.getAttribute("data-autosave")) { return; }
  var status = document.getElementById("autosave-status");
  var words = status ? status.dataset : {};
  var lang = document.documentElement.lang || undefined;
  var versionInput = form.querySelector("input[name=version]");
  var timer = null;
  var inFlight = false;
  var again = false;

  function say(text) { if (status) { status.textContent = text; } }

  function save() {
    if (inFlight) { again = true; return; }
    inFlight = true;
    // The step's own autosave URL: it saves what the step holds and answers in JSON; the form's
    // Save and continue (no script needed) posts to the step itself.
    fetch(form.getAttribute("data-autosave"), {
      method: "POST", body: new FormData(form), credentials: "same-origin",
      headers: { "X-Requested-With": "XMLHttpRequest" }
    }).then(function (response) {
      // The server answered: whatever it says (saved, changed elsewhere, draft gone) is shown as it says it.
      return response.json().then(function (body) { return { ok: response.ok, body: body }; }, function () {
        return { ok: false, body: {} };
      });
    }).then(function (reply) {
      if (reply.ok && reply.body.saved) {
        versionInput.value = reply.body.version;
        // The server's clock, written as the page writes times ("18:00", not "06:00 PM" on a British page).
        var time = reply.body.saved_at ||
          new Date().toLocaleTimeString(lang, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
        say((words.savedAt || "Draft saved at {time}.").replace("{time}", time));
      } else {
        say(reply.body.message || words.notSaved || "Could not save the draft; your answers are still on this page.");
      }
    }).catch(function () {
      say(words.offline || "Could not reach the server; your answers are still on this page.");
    }).finally(function () {
      inFlight = false;
      if (again) { again = false; save(); }
    });
  }

  function soon() { window.clearTimeout(timer); timer = window.setTimeout(save, 800); }
  form.addEventListener("change", soon);
  form.addEventListener("input", soon);
  form.addEventListener("submit", function () { window.clearTimeout(timer); });
})();

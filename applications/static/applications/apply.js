// The one form: periodic autosave of the current step, a single submit, and refresh while
// certified data is being fetched. No inline script (CSP).
(function () {
  "use strict";
  function csrf(form) {
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }
  var form = document.querySelector("form[data-autosave-url]");
  if (form) {
    var status = form.querySelector(".autosave-status");
    var last = "";
    var save = function () {
      var data = new FormData(form);
      var snapshot = new URLSearchParams(data).toString();
      if (snapshot === last) { return; }
      last = snapshot;
      fetch(form.getAttribute("data-autosave-url"), {
        method: "POST", body: data, credentials: "same-origin",
        headers: { "X-CSRFToken": csrf(form), "X-Requested-With": "fetch" }
      }).then(function (r) { return r.json(); }).then(function (json) {
        if (status && json.ok) { status.textContent = "草稿已自动保存 " + json.saved_at; }
      }).catch(function () {});
    };
    last = new URLSearchParams(new FormData(form)).toString();
    setInterval(save, 15000);
    form.addEventListener("change", save);
  }
  document.querySelectorAll("form.submit-once").forEach(function (f) {
    f.addEventListener("submit", function () {
      var button = f.querySelector("button[type=submit]");
      if (button) { setTimeout(function () { button.disabled = true; }, 0); }
    });
  });
  if (document.querySelector("[data-reload-pending]")) {
    setTimeout(function () { window.location.reload(); }, 2500);
  }
})();

// Import progress: poll the JSON status endpoint until the import is done or failed.
(function () {
  "use strict";
  var box = document.getElementById("import-progress");
  if (!box) { return; }
  var url = box.getAttribute("data-status-url");
  var status = box.getAttribute("data-status");
  if (status !== "queued" && status !== "running") { return; }
  var bar = box.querySelector("progress");
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        box.querySelector("[data-role=status]").textContent = data.status_label;
        box.querySelector("[data-role=count]").textContent = data.total ? data.done + " / " + data.total : "";
        if (bar) { bar.max = data.total || 1; bar.value = data.done; }
        box.querySelector("[data-role=error]").textContent = data.error || "";
        if (data.status === "done" || data.status === "failed") {
          window.location.reload();
        } else {
          window.setTimeout(poll, 1000);
        }
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 500);
})();

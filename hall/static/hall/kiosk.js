/* Kiosk: on-screen keypad, back to the start screen after 60 s idle, printable slip. */
(function () {
  "use strict";
  var root = document.getElementById("kiosk");
  if (!root) return;
  var home = root.getAttribute("data-home");
  var idleSeconds = parseInt(root.getAttribute("data-idle"), 10) || 60;
  var timer;

  function resetIdle() {
    clearTimeout(timer);
    if (window.location.pathname === home) return;
    timer = setTimeout(function () { window.location.replace(home); }, idleSeconds * 1000);
  }
  ["pointerdown", "keydown", "input"].forEach(function (name) {
    document.addEventListener(name, resetIdle, { passive: true });
  });
  resetIdle();

  var target = null;
  document.querySelectorAll(".kiosk__input").forEach(function (input) {
    input.addEventListener("focus", function () { target = input; });
  });
  document.querySelectorAll(".keypad").forEach(function (pad) {
    target = target || document.getElementById(pad.getAttribute("data-target"));
    pad.addEventListener("click", function (e) {
      var key = e.target.getAttribute("data-key");
      if (!key || !target) return;
      if (key === "back") target.value = target.value.slice(0, -1);
      else if (key === "clear") target.value = "";
      else target.value += key;
      target.dispatchEvent(new Event("input", { bubbles: true }));
    });
  });

  var printButton = document.getElementById("print");
  if (printButton) {
    printButton.addEventListener("click", function () { window.print(); });
  }
})();

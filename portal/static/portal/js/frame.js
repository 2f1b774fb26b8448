/* The page frame: the phone menu and the 长者 mode read-aloud button.
   Progressive enhancement: without JavaScript the menu is simply always open. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function setUpMenu() {
    var toggle = document.querySelector(".nav-toggle");
    var nav = document.querySelector(".main-nav");
    if (!toggle || !nav) return;
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      nav.classList.toggle("is-open", open);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && nav.classList.contains("is-open")) {
        nav.classList.remove("is-open");
        toggle.setAttribute("aria-expanded", "false");
        toggle.focus();
      }
    });
  }

  function setUpReadAloud() {
    var box = document.querySelector("[data-read-aloud]");
    if (!box || !("speechSynthesis" in window) || typeof SpeechSynthesisUtterance === "undefined") return;
    var start = box.querySelector("[data-read-aloud-start]");
    var stop = box.querySelector("[data-read-aloud-stop]");
    box.hidden = false;
    start.addEventListener("click", function () {
      var main = document.getElementById("main");
      var utterance = new SpeechSynthesisUtterance((main && main.innerText) || "");
      utterance.lang = document.documentElement.lang || "zh-CN";
      utterance.rate = 0.9;
      utterance.onend = function () { stop.hidden = true; start.hidden = false; };
      window.speechSynthesis.cancel();
      window.speechSynthesis.speak(utterance);
      start.hidden = true;
      stop.hidden = false;
    });
    stop.addEventListener("click", function () {
      window.speechSynthesis.cancel();
      stop.hidden = true;
      start.hidden = false;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUpMenu();
    setUpReadAloud();
  });
})();

/* Calling display: polls a small JSON state every second, renders it, speaks new calls.
   After a lost connection it keeps retrying; the next state replaces the screen, so a call
   that has finished meanwhile is never shown as current. */
(function () {
  "use strict";
  var root = document.getElementById("display");
  if (!root) return;
  var url = root.getAttribute("data-state-url");
  var lastSpoken = parseInt(root.getAttribute("data-last-call"), 10) || 0;
  var texts = document.getElementById("t-texts").dataset;
  var status = document.getElementById("link-status");
  var soundOn = false;
  var failures = 0;

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // Fill a translated sentence's %(name)s slots; the sentence keeps its language's word order.
  function fmt(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (all, name) {
      return name in values ? String(values[name]) : all;
    });
  }

  function say(call) {
    var line = fmt(texts.say, { n: call.number, w: call.window });
    root.setAttribute("data-last-spoken", line);
    if (!soundOn || !("speechSynthesis" in window)) return;
    var u = new SpeechSynthesisUtterance(line);
    u.lang = "zh-CN";
    window.speechSynthesis.speak(u);
  }

  function render(state) {
    var windows = document.getElementById("windows");
    windows.replaceChildren.apply(windows, state.windows.map(function (w) {
      var li = el("li", w.number ? (w.serving ? "is-serving" : "is-called") : "");
      li.dataset.window = w.window;
      li.append(el("span", "win", fmt(texts.win, { n: w.window })), el("strong", "num", w.number || "—"));
      return li;
    }));
    var calls = document.getElementById("calls");
    calls.replaceChildren.apply(calls, state.calls.map(function (c) {
      return el("li", "", fmt(texts.call, { n: c.number, w: c.window }));
    }));
    var groups = document.getElementById("groups");
    groups.replaceChildren.apply(groups, state.groups.map(function (g) {
      return el("li", "", g.prefix + " " + g.name + "：" + fmt(texts.group, { n: g.waiting, m: g.minutes }));
    }));
    document.getElementById("waiting-total").textContent = fmt(texts.total, { n: state.waiting });
    var current = {};
    state.windows.forEach(function (w) { if (w.number) current[w.window] = w.number; });
    // Speak calls not yet spoken, oldest first; after an outage only those still current.
    var fresh = state.calls.filter(function (c) { return c.id > lastSpoken; }).reverse();
    var gap = fresh.length && fresh[0].id > lastSpoken + fresh.length;
    fresh.forEach(function (c) {
      if (!gap || current[c.window] === c.number) say(c);
    });
    lastSpoken = Math.max(lastSpoken, state.last_call_id || 0);
    root.setAttribute("data-last-call", String(lastSpoken));
  }

  function poll() {
    fetch(url, { cache: "no-store", credentials: "same-origin" })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (state) {
        failures = 0;
        status.hidden = true;
        root.classList.remove("is-offline");
        render(state);
      })
      .catch(function () {
        failures += 1;
        status.hidden = false;
        root.classList.add("is-offline");
      })
      .finally(function () { setTimeout(poll, failures ? Math.min(3000, 1000 * failures) : 1000); });
  }

  function tick() {
    var now = new Date();
    document.getElementById("clock").textContent = now.toLocaleTimeString("zh-CN", { hour12: false });
  }

  document.getElementById("sound").addEventListener("click", function (e) {
    soundOn = true;
    e.target.hidden = true;
    if ("speechSynthesis" in window) window.speechSynthesis.speak(new SpeechSynthesisUtterance(""));
  });
  tick();
  setInterval(tick, 1000);
  setTimeout(poll, 1000);
})();

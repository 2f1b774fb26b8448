/* Rating tablet: while no visit waits for a rating, look again every 3 seconds. */
(function () {
  "use strict";
  var root = document.getElementById("tablet");
  if (!root || root.getAttribute("data-waiting") !== "1") return;
  setTimeout(function () { window.location.replace(window.location.pathname); }, 3000);
})();

// A second click on a submit button marked data-once does nothing while the first is on its way.
// The server is idempotent anyway (the form's submission key); this only spares a second request.
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (form.dataset.sending === "1") {
    event.preventDefault();
    return;
  }
  if (form.querySelector("[data-once]")) {
    form.dataset.sending = "1";
  }
});

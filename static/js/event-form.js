// The event form's "where" step: only the fields of the chosen kind of place are shown.
// Without this script the server shows them, after the "show the fields" button.
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("event-form");
  if (!form) return;
  form.querySelectorAll(".js-hidden").forEach(function (element) {
    element.hidden = true;
  });
  var radios = form.querySelectorAll("input[name=location_kind]");
  function show() {
    var chosen = form.querySelector("input[name=location_kind]:checked");
    form.querySelectorAll(".location-fields").forEach(function (group) {
      group.hidden = !chosen || group.dataset.location !== chosen.value;
    });
  }
  radios.forEach(function (radio) {
    radio.addEventListener("change", show);
  });
});

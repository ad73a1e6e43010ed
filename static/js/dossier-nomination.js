// Nomination form of an award dossier: show only the list of the chosen kind of nominee
// (individual, collective or household). Without JavaScript every list stays visible and the
// server takes the one that matches the chosen kind.
(function () {
  "use strict";

  function update(form) {
    var checked = form.querySelector('input[name="kind"]:checked');
    var kind = checked ? checked.value : "";
    form.querySelectorAll("[data-kind]").forEach(function (block) {
      block.classList.toggle("d-none", kind !== "" && block.dataset.kind !== kind);
    });
  }

  document.querySelectorAll(".nomination-form").forEach(function (form) {
    form.querySelectorAll('input[name="kind"]').forEach(function (input) {
      input.addEventListener("change", function () {
        update(form);
      });
    });
    update(form);
  });
})();

// The Django admin as axe-core wants it: every field has an accessible name.
// - a search-to-choose field (select2) is named by its label, whatever has been chosen;
// - the date and the time box of a date-and-time field are named by the field's label.
(function () {
  "use strict";

  function labelFor(id) {
    var label = document.querySelector('label[for="' + id + '"]');
    if (label && !label.id) label.id = id + "-label";
    return label;
  }

  function nameChoosers() {
    document.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var label = labelFor(select.id);
      var box = select.nextElementSibling && select.nextElementSibling.querySelector(".select2-selection");
      var shown = box && box.querySelector(".select2-selection__rendered");
      if (!label || !box) return;
      box.setAttribute("aria-labelledby", label.id + (shown && shown.id ? " " + shown.id : ""));
      if (shown) shown.setAttribute("aria-label", label.textContent.replace(/:\s*$/, ""));
    });
  }

  function nameDateTimes() {
    document.querySelectorAll("input.vDateField, input.vTimeField").forEach(function (input) {
      if (input.labels && input.labels.length) return;
      var base = input.id.replace(/_[01]$/, "");
      var label = document.querySelector('label[for="' + base + '_0"], label[for="' + base + '"]');
      var text = label ? label.textContent.replace(/:\s*$/, "").trim() : input.name;
      var part = input.classList.contains("vDateField") ? "datum" : "tijd";
      input.setAttribute("aria-label", text + " (" + part + ")");
    });
  }

  function mend() {
    nameChoosers();
    nameDateTimes();
  }

  // Django's autocomplete fields become select2 boxes in a jQuery ready handler, which jQuery runs
  // asynchronously (it can come after the load event). A ready handler registered here runs after
  // Django's, so the boxes exist; the page says when it is mended (data-admin-ready) so a test
  // does not look before.
  function ready() {
    mend();
    document.documentElement.setAttribute("data-admin-ready", "");
  }

  if (window.django && window.django.jQuery) {
    window.django.jQuery(ready);
    // select2 redraws its box when something is chosen; name it again then.
    window.django.jQuery(document).on("select2:select select2:clear", mend);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();

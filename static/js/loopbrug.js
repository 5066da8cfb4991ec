// Loopbrug: progressive enhancement only; every page works without JavaScript.
document.addEventListener("htmx:afterSwap", function (event) {
  // After a swap, move focus to the first error or the swapped region, for screen readers.
  var target = event.detail.target;
  var error = target.querySelector("[aria-invalid='true']");
  if (error) { error.focus(); }
});

// Buttons that print the page (no inline onclick: the Content-Security-Policy forbids it).
document.addEventListener("click", function (event) {
  if (event.target.closest && event.target.closest("[data-lb-print]")) { window.print(); }
});

// A table wider than its box scrolls sideways (loopbrug.css): make that box reachable by
// keyboard (tabindex 0) so arrow keys scroll it, named after the table's caption.
function lbScrollableTables(root) {
  var boxes = (root || document).querySelectorAll(".utrecht-table-container, table.utrecht-table");
  Array.prototype.forEach.call(boxes, function (box) {
    var scrolls = box.scrollWidth > box.clientWidth + 1 && getComputedStyle(box).overflowX !== "visible";
    if (scrolls && !box.hasAttribute("tabindex")) {
      box.setAttribute("tabindex", "0");
      box.setAttribute("data-lb-scroll", "");
      if (box.tagName !== "TABLE") {
        var caption = box.querySelector("caption");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", caption ? caption.textContent.trim() : document.title);
      }
    } else if (!scrolls && box.hasAttribute("data-lb-scroll")) {
      box.removeAttribute("tabindex");
      box.removeAttribute("data-lb-scroll");
      if (box.tagName !== "TABLE") { box.removeAttribute("role"); box.removeAttribute("aria-label"); }
    }
  });
}
document.addEventListener("DOMContentLoaded", function () { lbScrollableTables(); });
window.addEventListener("load", function () { lbScrollableTables(); });
window.addEventListener("resize", function () { lbScrollableTables(); });
if (document.fonts && document.fonts.ready) { document.fonts.ready.then(function () { lbScrollableTables(); }); }
document.addEventListener("htmx:afterSettle", function (event) { lbScrollableTables(event.detail.target); });

// A form that saves itself (data-lb-autosave: htmx posts it on change) must not race the
// person's own "Opslaan": once it is submitted no autosave starts, and an autosave on its way
// is waited for, so the submit carries the version that autosave wrote. Otherwise the server
// sees two edits of one version and refuses the person's own submit as a conflict.
document.addEventListener("htmx:confirm", function (event) {
  var form = event.target;
  if (form.dataset && form.dataset.lbSubmitting) { event.preventDefault(); }
});
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (!form.hasAttribute || !form.hasAttribute("data-lb-autosave") || event.defaultPrevented) { return; }
  form.dataset.lbSubmitting = "1";
  if (form.classList.contains("htmx-request") && !form.dataset.lbWaited) {
    event.preventDefault();
    form.dataset.lbWaited = "1";
    var submitter = event.submitter;
    form.addEventListener("htmx:afterRequest", function () {
      setTimeout(function () { form.requestSubmit(submitter); }, 0);
    }, { once: true });
  }
});

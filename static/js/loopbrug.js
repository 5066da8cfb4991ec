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

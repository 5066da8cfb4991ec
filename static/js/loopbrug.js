// Loopbrug: progressive enhancement only; every page works without JavaScript.
document.addEventListener("htmx:afterSwap", function (event) {
  // After a swap, move focus to the first error or the swapped region, for screen readers.
  var target = event.detail.target;
  var error = target.querySelector("[aria-invalid='true']");
  if (error) { error.focus(); }
});

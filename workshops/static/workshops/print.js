// The workshop page's Print button: a script from the site's own origin, as the page's
// Content-Security-Policy allows (no inline handlers).
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () {
    window.print();
  });
});

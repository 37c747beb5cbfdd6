// Dates and times typed with a Bangla keyboard: the admin's date picker reads only ASCII
// digits and, on leaving the field, puts today's date in place of what it could not read.
// Fields marked data-fold-digits get ASCII digits as they are typed.
(function () {
  "use strict";
  var ZERO = 0x09e6; // ০
  function fold(text) {
    return text.replace(/[\u09e6-\u09ef]/g, function (digit) {
      return String(digit.charCodeAt(0) - ZERO);
    });
  }
  document.addEventListener(
    "input",
    function (event) {
      var field = event.target;
      if (!field.matches || !field.matches("[data-fold-digits]")) return;
      var folded = fold(field.value);
      if (folded === field.value) return;
      var caret = field.selectionStart;
      field.value = folded;
      if (caret !== null) field.setSelectionRange(caret, caret);
    },
    true
  );
})();

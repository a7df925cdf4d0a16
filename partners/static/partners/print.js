/* The print view's button (no inline handlers): opens the browser's print dialogue. */
(function () {
  "use strict";
  var button = document.getElementById("print-button");
  if (button) button.addEventListener("click", function () { window.print(); });
})();

// Font-size control (A−, A, A+): the choice is kept in localStorage. Without JavaScript the
// control stays hidden and the browser's own zoom applies.
(function () {
  "use strict";
  var KEY = "kpss-font-step";
  var MIN = -1;
  var MAX = 3;
  var root = document.documentElement;

  function read() {
    var step = parseInt(window.localStorage.getItem(KEY) || "0", 10);
    return isNaN(step) ? 0 : Math.min(MAX, Math.max(MIN, step));
  }

  function apply(step) {
    root.style.fontSize = step === 0 ? "" : 100 + step * 12.5 + "%";
  }

  apply(read());
  document.addEventListener("DOMContentLoaded", function () {
    var control = document.querySelector("[data-font-size]");
    if (!control) {
      return;
    }
    control.hidden = false;
    control.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-step]");
      if (!button) {
        return;
      }
      var delta = parseInt(button.getAttribute("data-step"), 10);
      var step = delta === 0 ? 0 : Math.min(MAX, Math.max(MIN, read() + delta));
      window.localStorage.setItem(KEY, String(step));
      apply(step);
    });
  });
})();

// A form sent back with errors: its summary (role="alert") takes the focus, so keyboard and
// screen-reader users start at the list of what to correct.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var summary = document.querySelector(".form-error[tabindex='-1']");
  if (summary) {
    summary.focus();
  }
});

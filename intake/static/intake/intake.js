/* The public form's few enhancements; every text comes from the page, in its language.
   Without this script everything still works: the server checks files and lengths too. */
(function () {
  "use strict";

  function fill(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (_all, name) { return values[name]; });
  }

  /* Character count: how many characters are left, shown at once and announced to screen
     readers once typing pauses. */
  document.querySelectorAll("[data-character-count]").forEach(function (box) {
    var field = box.querySelector("textarea");
    var shown = box.querySelector(".usa-character-count__message");
    var spoken = document.createElement("div");
    var rules = new Intl.PluralRules(document.documentElement.lang);
    var timer;
    spoken.className = "usa-sr-only";
    spoken.setAttribute("aria-live", "polite");
    box.appendChild(spoken);
    shown.setAttribute("aria-hidden", "true");
    function message() {
      var left = Number(field.getAttribute("maxlength")) - field.value.length;
      var text = box.getAttribute("data-" + rules.select(left)) || box.dataset.other;
      return fill(text, { count: left.toLocaleString(document.documentElement.lang) });
    }
    function update() {
      shown.textContent = message();
      clearTimeout(timer);
      timer = setTimeout(function () { spoken.textContent = message(); }, 1000);
    }
    field.addEventListener("input", update);
    shown.textContent = message();
  });

  /* Files: say at once which chosen file the server would refuse, and why. */
  document.querySelectorAll("input[type=file][data-type-error]").forEach(function (input) {
    var status = document.createElement("div");
    var accepted = input.getAttribute("accept").split(",");
    status.className = "intake-file-status";
    status.setAttribute("aria-live", "polite");
    input.insertAdjacentElement("afterend", status);
    input.addEventListener("change", function () {
      status.textContent = "";
      Array.prototype.forEach.call(input.files, function (file) {
        var extension = "." + file.name.split(".").pop().toLowerCase();
        var known = accepted.indexOf(extension) >= 0 || accepted.indexOf(file.type) >= 0;
        var line = document.createElement("p");
        if (!known) {
          line.textContent = fill(input.dataset.typeError, { name: file.name });
        } else if (file.size > Number(input.dataset.maxBytes)) {
          line.textContent = fill(input.dataset.sizeError, { name: file.name });
        } else {
          line.textContent = fill(input.dataset.chosen, { name: file.name });
          line.className = "intake-file-status__ok";
        }
        if (!line.className) { line.className = "usa-error-message"; }
        status.appendChild(line);
      });
    });
  });

  /* Print: a button only where printing can be started from the page. */
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();

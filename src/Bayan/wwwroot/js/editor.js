// A small Markdown toolbar for the statement editor. The editor works without it: this only saves typing.
// Loaded as a file (the Content-Security-Policy allows no inline script); labels come from data attributes so they
// are in the editor's language.
(function () {
  "use strict";

  var actions = {
    bold: { before: "**", after: "**" },
    italic: { before: "*", after: "*" },
    heading: { line: "### " },
    list: { line: "- " },
    quote: { line: "> " },
    link: { before: "[", after: "](https://)" }
  };

  function apply(textarea, action) {
    var start = textarea.selectionStart;
    var end = textarea.selectionEnd;
    var value = textarea.value;
    var selected = value.slice(start, end);
    var replacement;
    if (action.line) {
      replacement = selected.split("\n").map(function (line) { return action.line + line; }).join("\n");
      if (start > 0 && value[start - 1] !== "\n") {
        replacement = "\n" + replacement;
      }
    } else {
      replacement = action.before + selected + action.after;
    }
    textarea.setRangeText(replacement, start, end, "end");
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
    textarea.focus();
  }

  // Irreversible-looking actions ask first; the question is written in the page, in the editor's language.
  document.querySelectorAll("button[data-confirm]").forEach(function (button) {
    button.addEventListener("click", function (event) {
      if (!window.confirm(button.dataset.confirm)) {
        event.preventDefault();
      }
    });
  });

  document.querySelectorAll("textarea.editor-body").forEach(function (textarea) {
    var labels = document.getElementById("toolbar-labels");
    if (!labels) {
      return;
    }
    var bar = document.createElement("div");
    bar.className = "markdown-toolbar";
    bar.setAttribute("role", "toolbar");
    bar.setAttribute("aria-label", labels.dataset.toolbar);
    bar.setAttribute("aria-controls", textarea.id);
    Object.keys(actions).forEach(function (name) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button-secondary markdown-" + name;
      button.textContent = labels.dataset[name];
      button.addEventListener("click", function () { apply(textarea, actions[name]); });
      bar.appendChild(button);
    });
    textarea.parentNode.insertBefore(bar, textarea);
  });

  // Leaving the page with unsaved text asks first (the browser words the question). Submitting the editor form itself
  // is saving: a refused save shows the typed text again. Other forms on the page (upload, withdraw) would lose it.
  var editor = document.querySelector("form.editor");
  if (editor) {
    var changed = false;
    editor.addEventListener("input", function () { changed = true; });
    editor.addEventListener("change", function () { changed = true; });
    editor.addEventListener("submit", function () { changed = false; });
    window.addEventListener("beforeunload", function (event) {
      if (changed) {
        event.preventDefault();
        event.returnValue = "";
      }
    });
  }
}());

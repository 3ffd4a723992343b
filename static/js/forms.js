// Small form helpers for every page: confirmations, no double submits, copy-to-clipboard.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    const form = event.target;
    const question = form.dataset.confirm;
    if (question && !window.confirm(question)) {
      event.preventDefault();
      return;
    }
    // A second tap while the first request is on its way would post twice.
    if (form.dataset.submitting === "yes") {
      event.preventDefault();
      return;
    }
    if ((form.method || "").toLowerCase() === "post") {
      form.dataset.submitting = "yes";
      setTimeout(function () { form.dataset.submitting = ""; }, 4000);
    }
  });
  document.querySelectorAll("[data-copy]").forEach(function (el) {
    const texts = JSON.parse(document.getElementById("i18n")?.textContent || "{}");
    const button = window.Dom.el("button", "button small", texts.copy || "Copy");
    button.type = "button";
    button.addEventListener("click", function () {
      navigator.clipboard?.writeText(el.textContent.trim()).then(function () { button.textContent = "✓"; });
    });
    el.after(button);
  });
})();

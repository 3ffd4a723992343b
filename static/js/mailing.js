// Mail console: each mailing's progress bar and counts follow the `mailing:progress` fact live.
(function () {
  "use strict";
  const box = document.getElementById("mailings");
  if (!box || !window.Live) return;
  const texts = { done: box.dataset.done || "done" };
  box.querySelectorAll("[data-mailing]").forEach(function (el) {
    Live.seen("mailing:progress", el.dataset.mailing, Number(el.dataset.version));
    texts.done = el.dataset.doneText || texts.done;
  });
  Live.on("mailing:progress", function (p) { return p.id; }, function (p) {
    const el = box.querySelector('[data-mailing="' + p.id + '"]');
    if (!el) return;
    const bar = el.querySelector("progress");
    bar.max = p.total;
    bar.value = p.sent + p.failed;
    bar.textContent = (p.sent + p.failed) + " / " + p.total;
    el.querySelector('[data-field="sent"]').textContent = p.sent;
    el.querySelector('[data-field="failed"]').textContent = p.failed;
    el.dataset.status = p.status;
    el.dataset.version = p.version;
    if (p.status === "done") el.querySelector('[data-field="status"]').textContent = el.dataset.doneText;
  });
})();

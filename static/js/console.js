// Organiser console: registration counts follow the `events:registrations` fact live.
(function () {
  "use strict";
  const box = document.getElementById("registration-counts");
  if (!box || !window.Live) return;
  const slug = box.dataset.event;
  Live.seen("events:registrations", slug, Number(box.dataset.version));
  Live.on("events:registrations", function (p) { return p.event; }, function (payload) {
    if (payload.event !== slug) return;
    Object.entries(payload.counts).forEach(function ([status, n]) {
      const el = box.querySelector('[data-count="' + status + '"]');
      if (el && el.textContent !== String(n)) {
        el.textContent = n;
        el.parentElement.classList.remove("flash-update");
        void el.parentElement.offsetWidth;
        el.parentElement.classList.add("flash-update");
      }
    });
    const cap = box.querySelector('[data-field="capacity"]');
    if (cap) cap.textContent = payload.capacity;
    box.dataset.version = payload.version;
  });
})();

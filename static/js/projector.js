// Projector: the ranking revealed place by place (`judging:reveal`, organisers' room); judging.js runs the timer.
(function () {
  "use strict";
  if (!window.Live || !window.Dom) return;
  const data = JSON.parse(document.getElementById("judging-data").textContent);
  const slug = document.getElementById("projector").dataset.event;
  const list = document.getElementById("ranking-list");

  function apply(reveal) {
    list.textContent = "";
    reveal.revealed.forEach(function (r) {
      const li = Dom.fill(Dom.card("ranking-row"), { rank: String(r.rank), team: r.team });
      li.dataset.rank = r.rank;
      list.appendChild(li);
    });
    const showing = reveal.revealed.length > 0;
    document.getElementById("projector-ranking").hidden = !showing;
    document.getElementById("projector-pitch").hidden = showing;
  }

  Live.seen("judging:reveal", slug, data.reveal.version);
  Live.on("judging:reveal", function (p) { return p.event; }, function (p) { if (p.event === slug) apply(p); });
  Live.onResync(function () {
    fetch("/api/v1/events/" + encodeURIComponent(slug) + "/judging/reveal", { credentials: "same-origin" })
      .then(function (r) { return r.json(); }).then(function (p) { if (p.revealed) apply(p); });
  });
})();

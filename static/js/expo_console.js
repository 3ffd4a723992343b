// Expo, the organisers' console: coverage, judges and the provisional ranking follow `expo:coverage`.
(function () {
  "use strict";
  if (!window.Live || !window.Dom) return;
  const root = document.getElementById("expo-console");
  if (!root) return;
  const texts = JSON.parse(document.getElementById("expo-console-i18n")?.textContent || "{}");
  const roundId = Number(root.dataset.round);
  const $ = function (id) { return document.getElementById(id); };

  function apply(c) {
    root.dataset.version = c.version;
    const state = $("expo-state");
    state.dataset.state = c.state;
    state.textContent = texts[c.state] || c.state;
    $("expo-vote-count").textContent = c.votes;
    $("expo-short").textContent = c.short;
    const ranking = $("expo-ranking").tBodies[0];
    ranking.replaceChildren();
    // The rows' markup is the server's (templates/expo/round.html): clone it and fill its cells.
    c.ranking.forEach(function (p) {
      const row = Dom.card("expo-ranking-row");
      row.dataset.teamId = p.team_id;
      row.classList.toggle("finalist", p.finalist);
      ranking.appendChild(Dom.fill(row, { rank: String(p.rank), name: p.name, table: { text: p.table || "" },
        mu: p.mu.toFixed(2) + " ± " + (2 * p.sigma).toFixed(2), comparisons: String(p.comparisons), finalist: p.finalist }));
    });
    const standing = {};
    (c.judges || []).forEach(function (j) { standing[j.judge_id] = j; });
    const judges = $("expo-judges").tBodies[0];
    judges.replaceChildren();
    c.walkers.forEach(function (w) {
      const s = standing[w.judge_id];
      const row = Dom.card("expo-judge-row");
      row.dataset.judgeId = w.judge_id;
      judges.appendChild(Dom.fill(row, { name: w.name, votes: String(w.votes),
        now: w.on_break ? texts.on_break : (w.current || "–"),
        agreement: s && s.agreement != null ? Math.floor(s.agreement * 100) + " %" : "–", flagged: !!(s && s.flagged) }));
    });
    const rows = {};
    Array.from($("expo-coverage").tBodies[0].rows).forEach(function (row) { rows[row.dataset.teamId] = row; });
    c.projects.forEach(function (p) {
      const row = rows[p.team_id];
      if (!row) return;
      row.classList.toggle("short", p.short);
      row.querySelector(".visits").textContent = p.visits;
      row.querySelector(".comparisons").textContent = p.comparisons;
      row.querySelector(".heading").textContent = p.heading;
    });
  }

  window.Live.seen("expo:coverage", roundId, Number(root.dataset.version));
  window.Live.on("expo:coverage", function (p) { return p.round_id; }, function (c) {
    if (c.round_id === roundId) apply(c);
  });
  window.Live.onResync(function () {
    window.Live.command("expo:sync", { round_id: roundId }).then(function (ack) {
      if (ack && ack.ok && ack.coverage) apply(ack.coverage);
    });
  });
})();

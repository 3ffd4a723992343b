// Expo, the organisers' console: coverage, judges and the provisional ranking follow `expo:coverage`.
(function () {
  "use strict";
  if (!window.Live) return;
  const root = document.getElementById("expo-console");
  if (!root) return;
  const texts = JSON.parse(document.getElementById("expo-console-i18n")?.textContent || "{}");
  const roundId = Number(root.dataset.round);
  const $ = function (id) { return document.getElementById(id); };

  function cell(row, text, className) {
    const td = document.createElement("td");
    if (className) td.className = className;
    if (text instanceof Node) td.appendChild(text); else td.textContent = text;
    row.appendChild(td);
    return td;
  }

  function pill(text, colour) {
    const span = document.createElement("span");
    span.className = "pill small " + colour;
    span.textContent = text;
    return span;
  }

  function apply(c) {
    root.dataset.version = c.version;
    const state = $("expo-state");
    state.dataset.state = c.state;
    state.textContent = texts[c.state] || c.state;
    $("expo-vote-count").textContent = c.votes;
    $("expo-short").textContent = c.short;
    const ranking = $("expo-ranking").tBodies[0];
    ranking.replaceChildren();
    c.ranking.forEach(function (p) {
      const row = ranking.insertRow();
      row.dataset.teamId = p.team_id;
      if (p.finalist) row.className = "finalist";
      cell(row, String(p.rank)); cell(row, p.name); cell(row, p.table);
      cell(row, p.mu.toFixed(2) + " ± " + (2 * p.sigma).toFixed(2)); cell(row, String(p.comparisons));
      cell(row, p.finalist ? pill(texts.finalist, "green") : "");
    });
    const standing = {};
    (c.judges || []).forEach(function (j) { standing[j.judge_id] = j; });
    const judges = $("expo-judges").tBodies[0];
    judges.replaceChildren();
    c.walkers.forEach(function (w) {
      const s = standing[w.judge_id];
      const row = judges.insertRow();
      row.dataset.judgeId = w.judge_id;
      cell(row, w.name); cell(row, String(w.votes));
      cell(row, w.on_break ? texts.on_break : (w.current || "–"));
      cell(row, s && s.agreement != null ? Math.floor(s.agreement * 100) + " %" : "–");
      cell(row, s && s.flagged ? pill(texts.flagged, "red") : "");
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

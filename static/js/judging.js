// Judging: the session state and timer follow `judging:state` (console, jury phone, projector); organisers' progress
// follows `judging:progress`; a juror's sheet autosaves through `judging:score` and waits in localStorage when offline.
(function () {
  "use strict";
  if (!window.Live) return;
  const dataNode = document.getElementById("judging-data");
  if (!dataNode) return;
  const data = JSON.parse(dataNode.textContent);
  const texts = JSON.parse(document.getElementById("judging-i18n")?.textContent || "{}");
  const root = document.getElementById("jury-page") || document.getElementById("judging-console") ||
    document.getElementById("projector");
  const slug = root.dataset.event;
  let state = data.state;
  let skew = 0; // server clock minus this device's clock, in ms
  const $ = function (id) { return document.getElementById(id); };

  // --- the session: state, team now pitching, timer -------------------------------------------------
  function applyState(next) {
    state = next;
    if (next.timer && next.timer.server_now) skew = Date.parse(next.timer.server_now) - Date.now();
    const pill = $("judging-state");
    if (pill) {
      pill.dataset.state = next.state;
      pill.textContent = texts[next.state] || next.state;
      pill.className = "pill " + (next.state === "open" ? "green" : "grey");
    }
    const current = $("judging-current");
    if (current) current.textContent = next.current_team ? next.current_team.name : (texts.nobody || "");
    document.dispatchEvent(new CustomEvent("judging:state", { detail: next }));
    tick();
  }

  function tick() {
    const node = $("judging-timer");
    if (!node || !state || !state.timer) return;
    const timer = state.timer;
    if (timer.phase === "idle" || !timer.started_at) { node.textContent = ""; node.dataset.phase = "idle"; return; }
    const length = (timer.phase === "pitch" ? timer.pitch_seconds : timer.qa_seconds) * 1000;
    const left = Math.ceil((Date.parse(timer.started_at) + length - (Date.now() + skew)) / 1000);
    node.dataset.phase = timer.phase;
    if (left <= 0) { node.textContent = texts.over || "Time is up"; node.classList.add("over"); return; }
    node.classList.remove("over");
    const label = timer.phase === "pitch" ? texts.pitch : texts.qa;
    node.textContent = label + " " + Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0");
  }
  setInterval(tick, 250);

  Live.seen("judging:state", slug, state.version);
  Live.on("judging:state", function (p) { return p.event; }, function (p) { if (p.event === slug) applyState(p); });
  applyState(state);

  // --- organisers: live progress ------------------------------------------------------------------------
  const progressTable = $("judging-progress");
  let syncTimer = null;
  function setProgress(row) {
    const tr = progressTable && progressTable.querySelector('tr[data-team-id="' + row.team_id + '"]');
    if (!tr) return;
    tr.querySelector(".scored").textContent = row.scored;
    tr.querySelector(".expected").textContent = row.expected;
    tr.classList.toggle("complete", row.scored >= row.expected);
  }
  function applySync(ack) {
    if (!ack || !ack.ok) return;
    if (ack.state) { Live.seen("judging:state", slug, ack.state.version); applyState(ack.state); }
    (ack.teams || []).forEach(setProgress);
    (ack.jurors || []).forEach(function (j) {
      const li = document.querySelector('#judging-jurors li[data-juror-id="' + j.juror_id + '"] .missing');
      if (li) li.textContent = j.missing.length ? j.missing.join(", ") : (texts.all_done || "all done");
    });
    if (ack.progress) showProgress(ack.progress);
  }
  if (progressTable) {
    Live.on("judging:progress", function (p) { return p.team_id; }, function (p) {
      setProgress(p);
      // The per-juror list is not in the fact: ask once for the whole picture after a burst of sheets.
      clearTimeout(syncTimer);
      syncTimer = setTimeout(function () { Live.command("judging:sync", { event: slug }).then(applySync); }, 700);
    });
  }
  Live.onResync(function () { Live.command("judging:sync", { event: slug }).then(applySync); });

  // --- jurors: the score sheet ----------------------------------------------------------------------------
  const form = $("score-form");
  if (!form) return;
  const juror = root.dataset.juror;
  const outboxKey = "judging-outbox:" + slug + ":" + juror;
  const teams = new Map(data.teams.map(function (t) { return [t.id, t]; }));
  const sheets = data.sheets || {};
  const status = $("save-status");
  const inputs = Array.from(form.querySelectorAll("input[data-key]"));
  const comment = $("score-comment");
  let debounce = null;

  function outbox() { try { return JSON.parse(localStorage.getItem(outboxKey) || "{}"); } catch (e) { return {}; } }
  function storeOutbox(box) { localStorage.setItem(outboxKey, JSON.stringify(box)); }
  function say(text, kind) { status.textContent = text || ""; status.dataset.kind = kind || ""; }
  function teamId() { return parseInt($("score-team-id").value, 10); }
  function nonce() { return Date.now().toString(36) + "-" + Math.random().toString(36).slice(2, 10); }

  function showProgress(p) {
    const box = $("jury-progress");
    if (!box || !p) return;
    box.querySelector(".scored").textContent = p.scored;
    box.querySelector(".remaining").textContent = p.remaining;
  }

  function markScored(id) {
    const li = document.querySelector('#jury-teams li[data-team-id="' + id + '"]');
    if (!li) return;
    li.classList.add("scored");
    const mark = li.querySelector(".team-mark");
    mark.textContent = texts.scored || "scored";
    mark.className = "pill small team-mark green";
  }

  function fill(id) {
    // What the form shows for a team: an unsent edit first, then the saved sheet.
    const pending = outbox()[id];
    const sheet = pending || sheets[id] || { scores: {}, comment: "" };
    inputs.forEach(function (input) {
      const v = sheet.scores[input.dataset.key];
      input.value = v == null ? "" : v;
    });
    comment.value = sheet.comment || "";
    say(pending ? (texts.queued || "") : (sheets[id] ? (texts.saved || "Saved") : ""), pending ? "queued" : "saved");
  }

  function showTeam(id) {
    const team = teams.get(id);
    if (!team || id === teamId()) return;
    $("score-team-id").value = id;
    $("score-team-name").textContent = team.name;
    $("score-team-pitch").textContent = team.pitch || "";
    $("score-conflict").hidden = !team.conflict;
    fill(id);
    document.dispatchEvent(new CustomEvent("judging:team", { detail: { team_id: id } }));
    const url = new URL(window.location.href);
    url.searchParams.set("team", id);
    history.replaceState(null, "", url);
  }

  function send(entry) {
    return Live.command("judging:score", entry).then(function (ack) {
      const box = outbox();
      if (ack.ok) {
        if (box[entry.team_id] && box[entry.team_id].nonce === entry.nonce) { delete box[entry.team_id]; storeOutbox(box); }
        sheets[entry.team_id] = ack.sheet;
        markScored(entry.team_id);
        showProgress(ack.progress);
        if (entry.team_id === teamId()) say(texts.saved || "Saved", "saved");
      } else if (ack.error.code === "timeout") {
        if (entry.team_id === teamId()) say(texts.queued, "queued");
      } else {
        // The server refused for good (closed, conflict, a value off the scale): keep the edit on screen only.
        if (box[entry.team_id] && box[entry.team_id].nonce === entry.nonce) { delete box[entry.team_id]; storeOutbox(box); }
        if (entry.team_id === teamId()) say(ack.error.message, "error");
      }
      return ack;
    });
  }

  function flush() {
    const box = outbox();
    Object.keys(box).forEach(function (id) { send(box[id]); });
  }

  function save() {
    const scores = {};
    let complete = true;
    inputs.forEach(function (input) {
      if (input.value.trim() === "") { complete = false; return; }
      scores[input.dataset.key] = parseInt(input.value, 10);
    });
    const entry = { team_id: teamId(), scores: scores, comment: comment.value, nonce: nonce() };
    const box = outbox();
    box[entry.team_id] = entry;
    storeOutbox(box);
    if (!complete) { say(texts.incomplete, "queued"); return; }
    if (!Live.socket.connected) { say(texts.queued, "queued"); return; }
    say(texts.saving || "Saving…", "saving");
    send(entry);
  }

  form.addEventListener("input", function () {
    clearTimeout(debounce);
    debounce = setTimeout(save, 800);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(debounce);
    save();
  });
  document.addEventListener("judging:state", function (e) {
    if (e.detail.current_team) showTeam(e.detail.current_team.id);
  });
  document.addEventListener("live:connected", flush);
  if (Live.socket.connected) flush();
  Live.onResync(flush);
  if (outbox()[teamId()]) fill(teamId());
})();

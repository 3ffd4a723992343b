// Expo, the judge's phone: every form becomes a socket command (a vote carries its nonce, so a double tap or a
// resend after a lost answer counts once); the card follows `expo:judge` (this judge's state) and `expo:round`.
(function () {
  "use strict";
  if (!window.Live) return;
  const root = document.getElementById("expo-walk");
  const dataNode = document.getElementById("expo-data");
  if (!root || !dataNode) return;
  const texts = JSON.parse(document.getElementById("expo-i18n")?.textContent || "{}");
  const roundId = Number(root.dataset.round);
  const data = JSON.parse(dataNode.textContent);
  const $ = function (id) { return document.getElementById(id); };
  let busy = false;

  function newNonce() {
    const bytes = new Uint8Array(12);
    window.crypto.getRandomValues(bytes);
    return Array.from(bytes, function (b) { return b.toString(16).padStart(2, "0"); }).join("");
  }

  function say(message) { $("expo-status").textContent = message || ""; }

  function show(id, visible) { $(id).hidden = !visible; }

  function render(judge) {
    root.dataset.version = judge.version;
    root.dataset.state = judge.round_state;
    const open = judge.round_state === "open";
    const pill = $("expo-round-state");
    pill.dataset.state = judge.round_state;
    pill.textContent = texts[judge.round_state] || judge.round_state;
    pill.className = "pill " + (open ? "green" : "grey");
    $("expo-votes").textContent = judge.votes;
    const current = open ? judge.current : null;
    show("expo-break-panel", open && judge.on_break);
    show("expo-current-panel", !!current);
    show("expo-idle-panel", open && !current && !judge.on_break);
    show("expo-first-panel", !!current && !judge.previous);
    show("expo-compare-panel", !!current && !!judge.previous);
    show("expo-side-actions", !!current);
    show("expo-undo-panel", open && !!judge.undo);
    if (current) {
      $("expo-current-table").textContent = current.table;
      $("expo-current-name").textContent = current.name;
      $("expo-current-pitch").textContent = current.pitch || "";
    }
    document.querySelectorAll(".expo-current-id").forEach(function (input) { input.value = current ? current.team_id : ""; });
    document.querySelectorAll(".expo-previous-id").forEach(function (input) {
      input.value = judge.previous ? judge.previous.team_id : "";
    });
    if (judge.previous) {
      $("expo-previous-name").textContent = judge.previous.name;
      $("expo-previous-table").textContent = judge.previous.table;
    }
    if (judge.undo) {
      $("expo-undo-id").value = judge.undo.vote_id;
      $("expo-undo-winner").textContent = judge.undo.winner_name || "";
    }
    if (!open) say(judge.round_state === "closed" ? texts.closed_text : texts.waiting);
    root.dispatchEvent(new CustomEvent("expo:rendered", { bubbles: true }));
  }

  function payloadOf(form, submitter) {
    const fields = new FormData(form);
    const payload = { round_id: roundId };
    switch (form.dataset.command) {
      case "expo:next":
        if (fields.get("seen_team_id")) payload.seen_team_id = Number(fields.get("seen_team_id"));
        break;
      case "expo:skip":
        payload.team_id = Number(fields.get("team_id"));
        break;
      case "expo:break":
        payload.on_break = fields.get("on_break") === "1";
        break;
      case "expo:undo":
        payload.vote_id = Number(fields.get("vote_id"));
        break;
      case "expo:vote":
        payload.previous_team_id = Number(fields.get("previous_team_id"));
        payload.current_team_id = Number(fields.get("current_team_id"));
        payload.winner = submitter ? submitter.value : "";
        payload.reason = String(fields.get("reason") || "");
        payload.nonce = String(fields.get("nonce"));
        break;
    }
    return payload;
  }

  const done = { "expo:vote": "saved", "expo:skip": "skipped", "expo:undo": "undone" };

  document.querySelectorAll("form[data-command]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (busy) return;  // one command at a time; a vote's nonce covers a resend anyway
      busy = true;
      const name = form.dataset.command;
      const payload = payloadOf(form, event.submitter);
      say(texts.saving);
      root.setAttribute("aria-busy", "true");
      window.Live.command(name, payload).then(function (ack) {
        busy = false;
        root.removeAttribute("aria-busy");
        if (ack && ack.ok) {
          if (name === "expo:vote") { $("expo-nonce").value = newNonce(); $("expo-reason").value = ""; }
          if (ack.judge && !(Number(root.dataset.version) > ack.judge.version)) {
            window.Live.seen("expo:judge", roundId, ack.judge.version);
            render(ack.judge);
          }
          say(texts[done[name]] || "");
        } else {
          say(ack && ack.error ? ack.error.message : "");
        }
      });
    });
  });

  window.Live.on("expo:judge", function (p) { return p.round_id; }, function (judge) {
    if (judge.round_id === roundId) render(judge);
  });
  window.Live.on("expo:round", function (p) { return "round:" + p.id; }, function (round) {
    if (round.id !== roundId) return;
    window.Live.command("expo:sync", { round_id: roundId }).then(function (ack) {
      if (ack && ack.ok && ack.judge) render(ack.judge);
    });
  });
  function resync() {
    window.Live.command("expo:sync", { round_id: roundId }).then(function (ack) {
      if (ack && ack.ok && ack.judge) render(ack.judge);
    });
  }
  window.Live.onResync(resync);
  if (data.judge) {
    window.Live.seen("expo:judge", roundId, data.judge.version);
    // Open with no project yet: ask for one at once (the server assigns it, or says none is left).
    if (data.judge.round_state === "open" && !data.judge.current && !data.judge.on_break) {
      document.addEventListener("live:connected", function once() {
        document.removeEventListener("live:connected", once);
        window.Live.command("expo:next", { round_id: roundId }).then(function (ack) {
          if (ack && ack.ok && ack.judge) render(ack.judge);
        });
      });
    }
  }
})();

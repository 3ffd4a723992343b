// Mentoring: the slot lists and the help queue follow `mentoring:slot`, `mentoring:help` and
// `mentoring:help_stats`; buttons send the socket commands (their forms still post without JavaScript);
// after a reconnect (a phone waking up) `mentoring:sync` fetches the whole state again.
(function () {
  "use strict";
  const clientNode = document.getElementById("mentoring-client");
  if (!clientNode || !window.Live || !window.Dom) return;
  const client = JSON.parse(clientNode.textContent);
  const texts = JSON.parse(document.getElementById("mentoring-i18n")?.textContent || "{}");
  const urls = document.getElementById("mentoring-urls").dataset;
  const notices = document.getElementById("mentoring-notices");
  const slots = new Map();
  const requests = new Map();
  let synced = false;

  const lang = document.documentElement.lang || "en";
  const dayFmt = new Intl.DateTimeFormat("en-CA", { timeZone: client.tz, year: "numeric", month: "2-digit", day: "2-digit" });
  const hmFmt = new Intl.DateTimeFormat("en-GB", { timeZone: client.tz, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  const weekdayFmt = new Intl.DateTimeFormat(lang, { timeZone: client.tz, weekday: "short" });

  function when(slot) {
    const start = new Date(slot.starts_at);
    return weekdayFmt.format(start) + " " + hmFmt.format(start) + "–" + hmFmt.format(new Date(slot.ends_at));
  }

  function notify(message, kind) { Dom.notify(notices, message, kind, 3); }

  /** The address of an action form: the page's pattern with the thing's id and the verb. */
  function actionUrl(pattern, id, verb) { return pattern.replace("/0/", "/" + id + "/").replace("ACTION", verb); }

  /** Fill exactly one of a card's action parts ("act-…" forms, or a note), removing the others. */
  function actionFields(names, chosen, pattern, id, verb) {
    const fields = {};
    names.forEach(function (name) {
      fields[name] = name === chosen && (name.indexOf("act-") === 0 ? { attrs: { action: actionUrl(pattern, id, verb) } } : true);
    });
    return fields;
  }

  function statusClasses(node, prefix, status, all) {
    all.forEach(function (s) { node.classList.toggle(prefix + s, s === status); });
  }

  // --- slots ---------------------------------------------------------------------------------

  function future(iso) { return new Date(iso).getTime() > Date.now(); }

  function matches(slot, filters) {
    if (filters.expertise && !(slot.mentor && slot.mentor.expertise.indexOf(filters.expertise) >= 0)) return false;
    const start = new Date(slot.starts_at);
    if (filters.day && dayFmt.format(start) !== filters.day) return false;
    if (filters.after && hmFmt.format(start) < filters.after) return false;
    return true;
  }

  const slotKinds = {
    available: function (s, list) { return s.status === "available" && future(s.starts_at) && matches(s, list.dataset); },
    ours: function (s) { return s.status === "booked" && s.team && s.team.id === client.team_id && future(s.ends_at); },
    open: function (s) { return s.status === "open" && future(s.ends_at); },
    agenda: function (s) { return s.mentor && s.mentor.id === client.user_id && future(s.ends_at); },
    all: function () { return true; },
  };

  const SLOT_ACTIONS = ["act-claim", "act-book", "act-cancel", "too-late", "act-release", "act-cancel-reason"];

  /** The one action a slot card offers in a list of this kind (as the macro chooses), and its verb. */
  function slotAction(slot, kind) {
    if (kind === "open") return ["act-claim", "claim"];
    if (kind === "available" && client.team_id) return ["act-book", "book"];
    if (kind === "ours") {
      const cutoff = new Date(slot.starts_at).getTime() - client.cutoff_minutes * 60000;
      return Date.now() < cutoff ? ["act-cancel", "cancel"] : ["too-late", null];
    }
    if ((kind === "agenda" || kind === "all") && slot.status === "available") return ["act-release", "release"];
    if ((kind === "agenda" || kind === "all") && slot.status === "booked") return ["act-cancel-reason", "cancel"];
    return [null, null];
  }

  // The card's markup is the server's (templates/mentoring/_cards.html): clone it and fill its parts.
  function slotCard(slot, kind) {
    const card = Dom.card("slot");
    statusClasses(card, "status-", slot.status, ["open", "available", "booked"]);
    card.dataset.slotId = slot.id;
    card.dataset.version = slot.version;
    card.dataset.status = slot.status;
    const mentor = slot.mentor;
    const team = slot.team;
    const action = slotAction(slot, kind);
    return Dom.fill(card, Object.assign({
      when: when(slot),
      status: { text: texts[slot.status], classes: { grey: slot.status === "open", green: slot.status === "available",
                                                     amber: slot.status === "booked" } },
      mentor: !!mentor,
      "mentor-name": mentor && mentor.name,
      organisation: mentor && mentor.organisation,
      expertise: mentor ? mentor.expertise : [],
      bio: mentor && (kind === "available" || kind === "ours") && mentor.bio,
      team: !!team,
      "team-name": team && team.name,
      challenge: team && team.challenge && team.challenge.title,
      note: team && slot.note,
      video: slot.video_link ? { text: slot.location || slot.video_link, attrs: { href: slot.video_link } } : null,
      place: slot.video_link ? true : { text: slot.location || "" },
    }, actionFields(SLOT_ACTIONS, action[0], urls.slotUrl, slot.id, action[1])));
  }

  function byStart(a, b) { return a.starts_at < b.starts_at ? -1 : a.starts_at > b.starts_at ? 1 : a.id - b.id; }

  function renderSlots() {
    document.querySelectorAll("[data-slot-list]").forEach(function (list) {
      const kind = list.dataset.slotList;
      const keep = list.contains(document.activeElement) ? document.activeElement : null;
      if (keep && keep.tagName === "INPUT" && keep.value) return; // never wipe what someone is typing
      const shown = Array.from(slots.values()).filter(function (s) { return slotKinds[kind](s, list); }).sort(byStart);
      list.replaceChildren.apply(list, shown.map(function (s) { return slotCard(s, kind); }));
    });
  }

  function applySlot(slot) {
    const known = slots.get(slot.id);
    if (known && known.version >= slot.version) return false;
    if (slot.removed) {
      slots.delete(slot.id);
    } else {
      slots.set(slot.id, slot);
      const mine = slot.mentor && slot.mentor.id === client.user_id;
      if (synced && mine && slot.status === "booked" && (!known || known.status !== "booked") && slot.team) {
        notify(texts.new_booking.replace("{team}", slot.team.name).replace("{when}", when(slot)), "success");
      }
    }
    return true;
  }

  // --- help queue ----------------------------------------------------------------------------

  const helpKinds = {
    queue: function (r) { return r.status === "waiting" || r.status === "claimed"; },
    console: function (r) { return r.status === "waiting" || r.status === "claimed"; },
    team: function (r) { return r.team.id === client.team_id; },
  };

  const HELP_ACTIONS = ["act-claim", "act-resolve", "act-cancel", "act-rate", "rated"];

  /** The one action a help card offers in a list of this kind (as the macro chooses), and its verb. */
  function helpAction(req, kind) {
    if (kind === "queue" && req.status === "waiting") return ["act-claim", "claim"];
    if (kind === "queue" && req.status === "claimed" && req.mentor && req.mentor.id === client.user_id) return ["act-resolve", "resolve"];
    if (kind === "team" && (req.status === "waiting" || req.status === "claimed")) return ["act-cancel", "cancel"];
    if (kind === "team" && req.status === "resolved" && req.rating == null) return ["act-rate", "rate"];
    return [null, null];
  }

  function helpCard(req, kind) {
    const card = Dom.card("help");
    statusClasses(card, "status-", req.status, ["waiting", "claimed", "resolved", "cancelled", "expired"]);
    card.dataset.helpId = req.id;
    card.dataset.version = req.version;
    card.dataset.status = req.status;
    const action = helpAction(req, kind);
    const fields = actionFields(HELP_ACTIONS, action[0], urls.helpUrl, req.id, action[1]);
    // A rating is shown beside the forms (the macro's last part), whatever the action.
    fields.rated = req.rating ? texts.rated.replace("{n}", req.rating) : null;
    return Dom.fill(card, Object.assign(fields, {
      topic: req.topic,
      status: { text: req.status === "cancelled" ? texts.cancelled_status : texts[req.status],
                classes: { amber: req.status === "waiting", green: req.status === "claimed",
                           grey: req.status !== "waiting" && req.status !== "claimed" } },
      "team-name": req.team.name,
      location: { text: req.location || "" },
      tried: req.tried,
      mentor: req.mentor && (req.status === "claimed" && kind === "team" ? texts.coming : texts.by_mentor)
        .replace("{mentor}", req.mentor.name),
    }));
  }

  function renderHelp() {
    document.querySelectorAll("[data-help-list]").forEach(function (list) {
      const kind = list.dataset.helpList;
      let shown = Array.from(requests.values()).filter(helpKinds[kind]);
      shown.sort(function (a, b) { return a.created_at < b.created_at ? -1 : 1; });
      if (kind === "team") shown = shown.slice(-5);
      list.replaceChildren.apply(list, shown.map(function (r) { return helpCard(r, kind); }));
    });
  }

  function applyHelp(req) {
    const known = requests.get(req.id);
    if (known && known.version >= req.version) return false;
    requests.set(req.id, req);
    if (synced && client.page === "team" && req.team.id === client.team_id && req.status === "claimed"
        && (!known || known.status !== "claimed") && req.mentor) {
      notify(texts.coming.replace("{mentor}", req.mentor.name), "success");
    }
    if (synced && client.page === "mentor" && req.status === "waiting" && !known) {
      notify(texts.new_help.replace("{topic}", req.topic), "info");
    }
    return true;
  }

  function renderStats(stats) {
    const box = document.querySelector("[data-help-stats]");
    if (!box || !stats) return;
    const values = { waiting: stats.waiting, median_wait: Math.floor(stats.median_wait_seconds / 60),
      longest_wait: Math.floor(stats.longest_wait_seconds / 60), claimed: stats.counts.claimed,
      resolved: stats.counts.resolved };
    Object.keys(values).forEach(function (key) {
      const node = box.querySelector('[data-stat="' + key + '"]');
      if (node) node.textContent = values[key];
    });
    const body = box.querySelector("[data-mentor-load]");
    if (!body) return;
    body.replaceChildren.apply(body, stats.mentors.map(function (m) {
      const row = Dom.el("tr");
      [m.name, m.helping, m.resolved, m.rating == null ? "–" : m.rating, m.booked, m.available].forEach(function (v) {
        row.appendChild(Dom.el("td", null, String(v)));
      });
      return row;
    }));
  }

  // --- facts, commands, sync -----------------------------------------------------------------

  Live.on("mentoring:slot", function (p) { return p.id; }, function (slot) {
    if (applySlot(slot)) renderSlots();
  });
  Live.on("mentoring:help", function (p) { return p.id; }, function (req) {
    if (applyHelp(req)) renderHelp();
  });
  Live.on("mentoring:help_stats", function () { return "stats"; }, renderStats);
  Live.socket.on("mentoring:cancelled", function (p) {
    let message = texts.cancelled.replace("{when}", when(p.slot)).replace("{by}", p.by);
    if (p.reason) message += " " + texts.because.replace("{reason}", p.reason);
    notify(message, "warning");
  });

  function sync() {
    Live.command("mentoring:sync", { event: client.event }).then(function (ack) {
      if (!ack || !ack.ok) return;
      // The server's answer is the whole truth: replace what the page holds.
      slots.clear();
      ack.slots.forEach(function (s) { slots.set(s.id, s); });
      requests.clear();
      ack.help.forEach(function (r) { requests.set(r.id, r); });
      client.team_id = ack.team_id;
      synced = true;
      renderSlots();
      renderHelp();
      if (ack.stats) renderStats(ack.stats);
      document.body.dataset.mentoringSynced = "yes";
    });
  }
  document.addEventListener("live:connected", function () { if (!synced) sync(); });
  if (Live.socket.connected) sync();
  Live.onResync(sync);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible" && Live.socket.connected) sync();
  });
  if (client.page === "console") {
    // Waiting times grow while nothing happens: refresh the numbers (and expire stale requests) now and then.
    setInterval(function () {
      if (document.visibilityState === "visible" && Live.socket.connected) sync();
    }, 30000);
  }

  document.addEventListener("submit", function (event) {
    const form = event.target;
    let name, payload, apply, render;
    if (form.dataset.slotAction) {
      const card = form.closest("[data-slot-id]");
      name = "mentoring:" + form.dataset.slotAction;
      payload = { slot_id: Number(card.dataset.slotId) };
      if (form.elements.note) payload.note = form.elements.note.value;
      if (form.elements.reason) payload.reason = form.elements.reason.value;
      apply = function (ack) { return applySlot(ack.slot); };
      render = renderSlots;
    } else if (form.dataset.helpAction) {
      const card = form.closest("[data-help-id]");
      name = "mentoring:help_" + form.dataset.helpAction;
      payload = { request_id: Number(card.dataset.helpId) };
      if (form.elements.rating) payload.rating = Number(form.elements.rating.value);
      apply = function (ack) { return applyHelp(ack.request); };
      render = renderHelp;
    } else if (form.id === "help-form") {
      name = "mentoring:help_request";
      payload = { event: client.event, topic: form.elements.topic.value, location: form.elements.location.value,
        tried: form.elements.tried.value };
      apply = function (ack) { form.reset(); return applyHelp(ack.request); };
      render = renderHelp;
    } else {
      return;
    }
    event.preventDefault();
    const button = form.querySelector("button[type=submit]");
    if (button.disabled) return; // a double tap sends once
    button.disabled = true;
    Live.command(name, payload).then(function (ack) {
      button.disabled = false;
      if (ack && ack.ok) {
        if (document.activeElement && form.contains(document.activeElement)) document.activeElement.blur();
        apply(ack);
        render();
        notify(ack.message || texts.done, "success");
      } else {
        notify(ack && ack.error ? ack.error.message : texts.empty, "error");
        if (ack && ack.error && ack.error.code === "conflict") sync();
      }
    });
  });
})();

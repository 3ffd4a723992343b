// Mentoring: the slot lists and the help queue follow `mentoring:slot`, `mentoring:help` and
// `mentoring:help_stats`; buttons send the socket commands (their forms still post without JavaScript);
// after a reconnect (a phone waking up) `mentoring:sync` fetches the whole state again.
(function () {
  "use strict";
  const clientNode = document.getElementById("mentoring-client");
  if (!clientNode || !window.Live) return;
  const client = JSON.parse(clientNode.textContent);
  const texts = JSON.parse(document.getElementById("mentoring-i18n")?.textContent || "{}");
  const urls = document.getElementById("mentoring-urls").dataset;
  const notices = document.getElementById("mentoring-notices");
  const nextPath = location.pathname + location.search;
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

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = text;
    return node;
  }

  function notify(message, kind) {
    if (!notices || !message) return;
    const p = el("p", "flash " + (kind || "info"), message);
    p.setAttribute("role", kind === "error" ? "alert" : "status");
    notices.appendChild(p);
    while (notices.children.length > 3) notices.firstChild.remove();
  }

  function actionForm(url, dataName, verb, label, buttonClass, input) {
    const form = el("form", dataName === "slotAction" ? "slot-form" : "help-form");
    form.method = "post";
    form.action = url.replace("ACTION", verb);
    form.dataset[dataName] = verb;
    [["csrf_token", client.csrf], ["next", nextPath]].forEach(function (pair) {
      const hidden = el("input");
      hidden.type = "hidden";
      hidden.name = pair[0];
      hidden.value = pair[1];
      form.appendChild(hidden);
    });
    if (input) form.appendChild(input);
    const button = el("button", buttonClass, label);
    button.type = "submit";
    form.appendChild(button);
    return form;
  }

  function textInput(name, max, placeholder) {
    const input = el("input");
    input.type = "text";
    input.name = name;
    input.maxLength = max;
    input.placeholder = placeholder;
    input.setAttribute("aria-label", placeholder);
    return input;
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

  function slotCard(slot, kind) {
    const card = el("li", "slot-card status-" + slot.status);
    card.dataset.slotId = slot.id;
    card.dataset.version = slot.version;
    card.dataset.status = slot.status;
    const head = el("p", "slot-when");
    head.appendChild(el("strong", null, when(slot)));
    head.appendChild(document.createTextNode(" "));
    head.appendChild(el("span", "pill " + ({ open: "grey", available: "green", booked: "amber" })[slot.status] + " slot-status",
      texts[slot.status]));
    card.appendChild(head);
    if (slot.mentor) {
      const mentor = el("p", "slot-mentor");
      mentor.appendChild(el("strong", null, slot.mentor.name));
      if (slot.mentor.organisation) mentor.appendChild(el("span", "muted small", " · " + slot.mentor.organisation));
      card.appendChild(mentor);
      if (slot.mentor.expertise.length) {
        const tags = el("p", "slot-tags");
        slot.mentor.expertise.forEach(function (t) { tags.appendChild(el("span", "tag", t)); });
        card.appendChild(tags);
      }
      if (slot.mentor.bio && (kind === "available" || kind === "ours")) {
        const details = el("details", "slot-bio");
        details.appendChild(el("summary", null, texts.about));
        details.appendChild(el("p", "small", slot.mentor.bio));
        card.appendChild(details);
      }
    }
    if (slot.team) {
      const team = el("p", "slot-team");
      team.appendChild(el("strong", null, slot.team.name));
      if (slot.team.challenge) team.appendChild(el("span", "muted small", " · " + slot.team.challenge.title));
      card.appendChild(team);
      if (slot.note) card.appendChild(el("p", "slot-note small", "“" + slot.note + "”"));
    }
    const place = el("p", "slot-place muted small");
    if (slot.video_link) {
      const link = el("a", null, slot.location || slot.video_link);
      link.href = slot.video_link;
      link.rel = "noopener";
      place.appendChild(link);
    } else {
      place.textContent = slot.location;
    }
    card.appendChild(place);
    const url = urls.slotUrl.replace("/0/", "/" + slot.id + "/");
    if (kind === "open") {
      card.appendChild(actionForm(url, "slotAction", "claim", texts.claim, "button primary block"));
    } else if (kind === "available" && client.team_id) {
      card.appendChild(actionForm(url, "slotAction", "book", texts.book, "button primary", textInput("note", 500, texts.note)));
    } else if (kind === "ours") {
      const cutoff = new Date(slot.starts_at).getTime() - client.cutoff_minutes * 60000;
      if (Date.now() < cutoff) card.appendChild(actionForm(url, "slotAction", "cancel", texts.cancel, "button danger-outline block"));
      else card.appendChild(el("p", "muted small", texts.too_late));
    } else if ((kind === "agenda" || kind === "all") && slot.status === "available") {
      card.appendChild(actionForm(url, "slotAction", "release", texts.release, "button block"));
    } else if ((kind === "agenda" || kind === "all") && slot.status === "booked") {
      card.appendChild(actionForm(url, "slotAction", "cancel", texts.cancel, "button danger-outline", textInput("reason", 300, texts.reason)));
    }
    return card;
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

  function helpCard(req, kind) {
    const card = el("li", "help-card status-" + req.status);
    card.dataset.helpId = req.id;
    card.dataset.version = req.version;
    card.dataset.status = req.status;
    const head = el("p");
    head.appendChild(el("strong", "help-topic", req.topic));
    head.appendChild(document.createTextNode(" "));
    head.appendChild(el("span", "pill " + ({ waiting: "amber", claimed: "green" }[req.status] || "grey") + " help-status",
      req.status === "cancelled" ? texts.cancelled_status : texts[req.status]));
    card.appendChild(head);
    const meta = el("p", "help-meta small");
    meta.appendChild(el("strong", null, req.team.name));
    meta.appendChild(document.createTextNode(" · " + req.location));
    card.appendChild(meta);
    if (req.tried) card.appendChild(el("p", "help-tried small muted", texts.tried + " " + req.tried));
    if (req.mentor) {
      card.appendChild(el("p", "help-mentor small",
        (req.status === "claimed" && kind === "team" ? texts.coming : texts.by_mentor).replace("{mentor}", req.mentor.name)));
    }
    const url = urls.helpUrl.replace("/0/", "/" + req.id + "/");
    if (kind === "queue" && req.status === "waiting") {
      card.appendChild(actionForm(url, "helpAction", "claim", texts.help_claim, "button primary block"));
    } else if (kind === "queue" && req.status === "claimed" && req.mentor && req.mentor.id === client.user_id) {
      card.appendChild(actionForm(url, "helpAction", "resolve", texts.help_resolve, "button primary block"));
    } else if (kind === "team" && (req.status === "waiting" || req.status === "claimed")) {
      card.appendChild(actionForm(url, "helpAction", "cancel", texts.help_cancel, "button small danger-outline"));
    } else if (kind === "team" && req.status === "resolved" && req.rating == null) {
      const select = el("select");
      select.name = "rating";
      select.setAttribute("aria-label", texts.rate);
      [5, 4, 3, 2, 1].forEach(function (n) { const o = el("option", null, n + " / 5"); o.value = n; select.appendChild(o); });
      const form = actionForm(url, "helpAction", "rate", texts.rate, "button small", select);
      form.classList.add("row");
      card.appendChild(form);
    } else if (req.rating) {
      card.appendChild(el("p", "help-rating small", texts.rated.replace("{n}", req.rating)));
    }
    return card;
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
      const row = el("tr");
      [m.name, m.helping, m.resolved, m.rating == null ? "–" : m.rating, m.booked, m.available].forEach(function (v) {
        row.appendChild(el("td", null, String(v)));
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

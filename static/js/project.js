// The team's project editor, live: saves over `projects:save` with the version the editor started from; a
// teammate's save (`projects:project`) fills the fields this person has not touched and flags the others; a
// stale save is answered `conflict` with the current project, shown beside the person's own text, which stays.
// The countdown follows `projects:deadline` and locks the form at the deadline.
(function () {
  "use strict";
  const dataNode = document.getElementById("project-data");
  const form = document.getElementById("project-form");
  if (!dataNode || !form || !window.Live) return;
  const data = JSON.parse(dataNode.textContent);
  const texts = data.texts;
  const teamId = data.team_id;
  const fields = data.fields;
  const status = document.getElementById("project-status");
  const conflictBox = document.getElementById("project-conflict");
  const versionInput = document.getElementById("project-version");
  let base = data.project;          // the server's project the inputs were last in step with
  let version = base.version;       // the version this editor's next save starts from
  let deadline = data.deadline;
  let offset = Date.parse(deadline.server_now) - Date.now();
  let locked = !!deadline.closed;

  function say(text, kind) { status.textContent = text || ""; status.dataset.kind = kind || ""; }
  function input(name) { return form.querySelector('[data-field="' + name + '"]:is(input, textarea)'); }
  function linkRows() { return Array.from(form.querySelectorAll(".link-row")); }
  function formLinks() {
    return linkRows().map(function (row) {
      return { kind: row.querySelector("[data-link-kind]").value, url: row.querySelector("[data-link-url]").value.trim() };
    }).filter(function (link) { return link.url !== ""; });
  }
  function setLinks(links) {
    linkRows().forEach(function (row, index) {
      const link = links[index] || { kind: "repository", url: "" };
      row.querySelector("[data-link-kind]").value = link.kind;
      row.querySelector("[data-link-url]").value = link.url;
    });
  }
  function value(name) { return name === "links" ? formLinks() : input(name).value; }
  function same(name, a, b) {
    if (name === "links") return JSON.stringify(a || []) === JSON.stringify(b || []);
    return (a || "").trim() === (b || "").trim();
  }
  function setValue(name, v) { if (name === "links") setLinks(v || []); else input(name).value = v || ""; }
  function noteOf(name) { return form.querySelector('[data-note="' + name + '"]'); }
  function clearNote(name) { const n = noteOf(name); if (n) { n.hidden = true; n.textContent = ""; } }
  function when(iso) {
    try {
      return new Intl.DateTimeFormat(document.documentElement.lang || undefined, { hour: "2-digit", minute: "2-digit", timeZone: data.tz }).format(new Date(iso));
    } catch (e) { return iso; }
  }
  function showTheirs(name, project) {
    const n = noteOf(name);
    if (!n) return;
    n.textContent = "";
    const who = (project.updated_by && project.updated_by.name) || texts.someone;
    const p = Dom.el("p", "small",
      texts.changed_by.replace("{name}", who).replace("{time}", when(project.updated_at)) + " " + texts.theirs);
    const quote = Dom.el("blockquote", null,
      name === "links" ? (project.links || []).map(function (l) { return l.url; }).join("\n") : (project[name] || ""));
    const take = Dom.el("button", "button small", texts.take_theirs);
    take.type = "button";
    take.addEventListener("click", function () { setValue(name, project[name]); clearNote(name); });
    n.append(p, quote, take);
    n.hidden = false;
  }
  function showState(project) {
    const pill = document.getElementById("submitted-pill");
    if (pill && project.submitted_at) {
      pill.className = "pill green";
      pill.textContent = texts.submitted_pill;
      const submit = document.getElementById("project-submit");
      if (submit) submit.remove();  // once submitted, every save keeps it submitted
    }
    const last = document.getElementById("last-saved");
    if (last && project.updated_by) last.textContent = texts.changed_by.replace("{name}", project.updated_by.name).replace("{time}", when(project.updated_at));
  }

  /** Bring a server project in: untouched fields take it, touched ones that it changed are flagged. */
  function applyServer(project) {
    const clashes = [];
    fields.concat(["links"]).forEach(function (name) {
      const mine = value(name);
      if (same(name, mine, project[name])) { clearNote(name); return; }
      if (same(name, mine, base[name])) { setValue(name, project[name]); clearNote(name); return; }
      if (!same(name, base[name], project[name])) { showTheirs(name, project); clashes.push(name); }
    });
    base = project;
    showState(project);
    return clashes;
  }

  function lock(message) {
    locked = true;
    form.querySelectorAll("fieldset, button").forEach(function (el) { el.disabled = true; });
    document.getElementById("countdown-left").textContent = message || texts.closed;
  }

  function save(submit) {
    if (locked) { say(texts.closed, "error"); return; }
    const payload = { team_id: teamId, version: version, submit: !!submit, links: formLinks() };
    fields.forEach(function (name) { payload[name] = value(name); });
    conflictBox.hidden = true;
    say(texts.saving, "saving");
    Live.command("projects:save", payload).then(function (ack) {
      if (ack.ok) {
        if (ack.project) {
          Live.seen("projects:project", teamId, ack.project.version);
          base = ack.project;
          version = ack.project.version;
          versionInput.value = version;
          fields.concat(["links"]).forEach(clearNote);
          showState(ack.project);
        }
        say(submit ? texts.submitted : texts.saved, "saved");
      } else if (ack.error.code === "conflict" && ack.error.details && ack.error.details.project) {
        const current = ack.error.details.project;
        Live.seen("projects:project", teamId, current.version);
        applyServer(current);
        version = current.version;          // saving again now keeps this person's text: they were told
        versionInput.value = version;
        conflictBox.textContent = texts.conflict;
        conflictBox.hidden = false;
        say(ack.error.message, "error");
      } else if (ack.error.code === "closed") {
        lock(ack.error.message);
        say(ack.error.message, "error");
      } else if (ack.error.code === "timeout") {
        say(texts.offline, "queued");
      } else {
        say(ack.error.message, "error");
      }
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    save(event.submitter && event.submitter.name === "submit");
  });

  Live.seen("projects:project", teamId, base.version);
  Live.on("projects:project", function (p) { return p.team_id; }, function (p) {
    if (p.team_id !== teamId) return;
    const clashes = applyServer(p);
    if (!clashes.length) { version = p.version; versionInput.value = version; }
  });

  // --- the countdown ---
  const left = document.getElementById("countdown-left");
  const whenNode = document.getElementById("deadline-when");
  const extendedNode = document.getElementById("deadline-extended");
  function pad(n) { return String(n).padStart(2, "0"); }
  function tick() {
    if (!deadline.deadline) { left.textContent = ""; return; }
    const remaining = Date.parse(deadline.deadline) - (Date.now() + offset);
    if (remaining <= 0) { if (!locked) lock(texts.closed); return; }
    if (locked) {  // extended while locked: open again
      locked = false;
      form.querySelectorAll("fieldset, button").forEach(function (el) { el.disabled = false; });
    }
    const s = Math.floor(remaining / 1000);
    const d = Math.floor(s / 86400);
    const clock = pad(Math.floor((s % 86400) / 3600)) + ":" + pad(Math.floor((s % 3600) / 60)) + ":" + pad(s % 60);
    left.textContent = texts.left.replace("{time}", (d ? texts.days.replace("{n}", d) + " " : "") + clock);
    left.dataset.seconds = String(s);
  }
  function applyDeadline(p) {
    deadline = p;
    offset = Date.parse(p.server_now) - Date.now();
    if (whenNode) {
      whenNode.textContent = p.deadline ? new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
        weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", second: "2-digit", timeZone: data.tz,
      }).format(new Date(p.deadline)) : texts.no_deadline;
    }
    if (extendedNode) extendedNode.hidden = !p.extended;
    tick();
  }
  Live.on("projects:deadline", function (p) { return p.team_id == null ? "event" : "team:" + p.team_id; }, function (p) {
    if (p.team_id == null && !deadline.extended) applyDeadline(p);
    else if (p.team_id === teamId) applyDeadline(p);
  });
  Live.seen("projects:deadline", "team:" + teamId, deadline.version);
  Live.seen("projects:deadline", "event", deadline.version);
  Live.onResync(function () {
    Live.command("projects:sync", { event: data.event }).then(function (ack) {
      if (!ack.ok) return;
      const mine = (ack.projects || []).find(function (p) { return p.team_id === teamId; });
      if (mine && mine.version > base.version) {
        const clashes = applyServer(mine);
        if (!clashes.length) { version = mine.version; versionInput.value = version; }
      }
      if (ack.deadline) applyDeadline(ack.deadline);
    });
  });
  tick();
  setInterval(tick, 1000);
})();

// The door scanner: camera (qr-scanner), handheld scanner or typing, name search; full-screen verdicts;
// scans made offline wait in localStorage with their nonce and are sent when the connection is back.
(function () {
  "use strict";
  const root = document.getElementById("scanner");
  if (!root || !window.Live) return;
  const texts = JSON.parse(document.getElementById("checkin-texts")?.textContent || "{}");
  const slug = root.dataset.event;
  const queueKey = "checkin-queue:" + slug;
  const doorKey = "checkin-door:" + slug;
  const $ = function (id) { return document.getElementById(id); };
  const doorInput = $("door");
  const pointSelect = $("point");
  const verdict = $("verdict");
  let hideTimer = null;
  let flushing = false;
  let lastCode = "", lastCodeAt = 0;

  doorInput.value = localStorage.getItem(doorKey) || "";
  doorInput.addEventListener("change", function () { localStorage.setItem(doorKey, doorInput.value.trim()); });

  function fmt(template, values) {
    return (template || "").replace(/\{(\w+)\}/g, function (_m, name) { return values[name] == null ? "" : values[name]; });
  }

  function nonce() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, function (b) { return b.toString(16).padStart(2, "0"); }).join("");
  }

  // --- feedback ------------------------------------------------------------------------
  let audio = null;
  function beep(kind) {
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = kind === "green" ? 880 : kind === "amber" ? 520 : 220;
      gain.gain.value = 0.15;
      osc.connect(gain).connect(audio.destination);
      osc.start();
      osc.stop(audio.currentTime + (kind === "red" ? 0.45 : 0.15));
    } catch (e) { /* no audio: the colour still tells */ }
    if (navigator.vibrate) navigator.vibrate(kind === "green" ? 80 : kind === "amber" ? [80, 60, 80] : [300]);
  }

  function hideVerdict() {
    verdict.hidden = true;
    clearTimeout(hideTimer);
    $("code").focus();
  }
  $("verdict-next").addEventListener("click", hideVerdict);

  function showVerdict(kind, title, name, detail, flags, checkinId) {
    verdict.className = "verdict " + kind;
    verdict.dataset.kind = kind;
    $("verdict-title").textContent = title;
    $("verdict-name").textContent = name || "";
    $("verdict-detail").textContent = detail || "";
    const list = $("verdict-flags");
    list.replaceChildren();
    (flags || []).forEach(function (flag) {
      list.append(Dom.el("li", null, flag));
    });
    const undo = $("verdict-undo");
    undo.hidden = !checkinId;
    undo.dataset.checkin = checkinId || "";
    verdict.hidden = false;
    verdict.focus();
    beep(kind === "queued" ? "amber" : kind);
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hideVerdict, kind === "green" ? 2500 : 4000);
  }

  $("verdict-undo").addEventListener("click", function () {
    const id = Number(this.dataset.checkin);
    Live.command("checkin:undo", { event: slug, checkin_id: id }).then(function (ack) {
      showVerdict(ack.ok ? "amber" : "red", ack.ok ? texts.undone : texts.error, "", ack.ok ? "" : ack.error.message);
      if (ack.ok) log("warn", texts.undone, "");
    });
  });

  /** What an answer means for the person at the door: [kind, title, name, detail, flags, checkin id]. */
  function describe(ack) {
    if (ack.ok && ack.status === "checked_in") {
      const p = ack.participant;
      const flags = [];
      if (p.dietary) flags.push((texts.dietary || "Dietary") + ": " + p.dietary);
      if (p.accessibility) flags.push((texts.accessibility || "Accessibility") + ": " + p.accessibility);
      const team = p.team ? p.team + (p.challenge ? " · " + p.challenge : "") : texts.no_team;
      return ["green", texts.welcome, p.name, team, flags, ack.checkin_id];
    }
    if (ack.ok && ack.status === "already_checked_in") {
      let detail = fmt(texts.already_detail, { time: ack.time, by: ack.by });
      if (ack.door) detail += " " + fmt(texts.at_door, { door: ack.door });
      return ["amber", texts.already, ack.participant ? ack.participant.name : "", detail, [], null];
    }
    const code = ack.error ? ack.error.code : "error";
    return ["red", texts[code] || texts.error, "", ack.error ? ack.error.message : "", [], null];
  }

  function log(cls, title, detail, list) {
    const when = new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });
    const li = Dom.el("li", cls, when + " · " + title + (detail ? " — " + detail : ""));
    (list || $("scan-log")).prepend(li);
    const items = (list || $("scan-log")).children;
    while (items.length > 30) items[items.length - 1].remove();
    return li;
  }

  // --- the offline queue ----------------------------------------------------------------
  function loadQueue() {
    try { return JSON.parse(localStorage.getItem(queueKey) || "[]"); } catch (e) { return []; }
  }
  function saveQueue(queue) {
    localStorage.setItem(queueKey, JSON.stringify(queue));
    renderQueue(queue);
  }
  function renderQueue(queue) {
    $("queue-box").hidden = !queue.length;
    $("queue-count").textContent = queue.length;
    const list = $("queue-list");
    list.replaceChildren();
    queue.forEach(function (item) {
      list.append(Dom.el("li", null, new Date(item.scanned_at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }) +
        " · " + (item.label || item.payload.code || "")));
    });
  }

  function connected() { return navigator.onLine && Live.socket.connected; }

  function enqueue(name, payload, label) {
    const queue = loadQueue();
    // The day is the day of the scan, not of the sending; the nonce makes a resend harmless.
    const now = Date.now();
    queue.push({ name: name, payload: Object.assign({ day: root.dataset.today, scanned_at: new Date(now).toISOString() }, payload),
                 label: label, scanned_at: now });
    saveQueue(queue);
    showVerdict("queued", texts.queued, label || payload.code, texts.queued_detail);
    log("warn", texts.queued, label || payload.code);
  }

  // Answers that say "not now": the scan waits in the queue and is sent again (its nonce makes that harmless).
  const RETRY_LATER = { timeout: true, unavailable: true, rate_limited: true };

  async function flush() {
    if (flushing || !connected()) return;
    flushing = true;
    try {
      let queue = loadQueue();
      while (queue.length && connected()) {
        const item = queue[0];
        const ack = await Live.command(item.name, item.payload, { timeoutMs: 8000, retry: false });
        if (!ack.ok && RETRY_LATER[ack.error.code]) break;  // still unsure, or the server is busy: keep it, try later
        queue = loadQueue().slice(1);
        saveQueue(queue);
        const [kind, title, name, detail] = describe(ack);
        const cls = kind === "green" ? "ok" : kind === "amber" ? "warn" : "bad";
        const li = log(cls, (ack.ok ? texts.synced : texts.failed) + ": " + title, (name || item.label || item.payload.code) + (detail ? " · " + detail : ""));
        li.dataset.synced = kind;
      }
    } finally {
      flushing = false;
    }
  }

  // --- scanning -------------------------------------------------------------------------
  function target() {
    const payload = { event: slug, nonce: nonce() };
    const door = doorInput.value.trim();
    if (door) payload.door = door;
    if (pointSelect.value) payload.point_id = Number(pointSelect.value);
    return payload;
  }

  async function send(name, payload, label) {
    if (!connected()) return enqueue(name, payload, label);
    const ack = await Live.command(name, payload, { timeoutMs: 6000, retry: false });
    if (!ack.ok && RETRY_LATER[ack.error.code]) return enqueue(name, payload, label);
    const [kind, title, who, detail, flags, checkinId] = describe(ack);
    showVerdict(kind, title, who, detail, flags, checkinId);
    log(kind === "green" ? "ok" : kind === "amber" ? "warn" : "bad", title, who || detail);
    refreshCounter();
  }

  function scanCode(code) {
    code = (code || "").trim();
    if (!code) return;
    lastCode = code;
    lastCodeAt = Date.now();
    send("checkin:scan", Object.assign(target(), { code: code }), code);
  }

  $("manual-form").addEventListener("submit", function (event) {
    event.preventDefault();
    const input = $("code");
    scanCode(input.value);
    input.value = "";
  });

  $("search-form").addEventListener("submit", async function (event) {
    event.preventDefault();
    const q = $("search").value.trim();
    const list = $("search-results");
    list.replaceChildren();
    if (q.length < 2) return;
    const ack = await Live.command("checkin:search", { event: slug, q: q });
    if (!ack.ok) return;
    if (!ack.people.length) {
      list.append(Dom.el("li", null, texts.nobody));
    }
    ack.people.forEach(function (person) {
      const li = Dom.el("li");
      const name = Dom.el("span", null, person.name + (person.organisation ? " · " + person.organisation : ""));
      const button = Dom.el("button", "button small primary", texts.check_in);
      button.type = "button";
      button.addEventListener("click", function () {
        list.replaceChildren();
        $("search").value = "";
        const payload = target();
        send("checkin:manual", Object.assign(payload, { registration_id: person.registration_id }), person.name);
      });
      li.append(name, button);
      list.append(li);
    });
  });

  // --- the camera -----------------------------------------------------------------------
  let camera = null;
  function onDecode(result) {
    const code = (result && result.data) || "";
    if (!code || !verdict.hidden) return;
    if (code === lastCode && Date.now() - lastCodeAt < 3000) return;
    scanCode(code);
  }

  async function startCamera() {
    const status = $("camera-status");
    const button = $("camera-toggle");
    if (!window.QrScanner) { status.textContent = texts.no_camera; return; }
    try {
      if (!camera) {
        camera = new QrScanner($("camera"), onDecode, {
          returnDetailedScanResult: true, preferredCamera: "environment", maxScansPerSecond: 8,
          highlightScanRegion: false,
        });
      }
      await camera.start();
      status.textContent = texts.camera_on;
      button.textContent = texts.stop_camera;
      root.dataset.camera = "on";
    } catch (e) {
      status.textContent = texts.no_camera;
      button.textContent = texts.camera_off;
      root.dataset.camera = "off";
    }
  }
  const cameraKey = "checkin-camera:" + slug;
  $("camera-toggle").addEventListener("click", function () {
    if (root.dataset.camera === "on" && camera) {
      localStorage.setItem(cameraKey, "off");
      camera.stop();
      root.dataset.camera = "off";
      this.textContent = texts.camera_off;
      $("camera-status").textContent = "";
    } else {
      localStorage.removeItem(cameraKey);
      startCamera();
    }
  });

  // --- counters and connection ----------------------------------------------------------
  function showCounter(stats) {
    $("scan-counter").textContent = stats.checked_in + " " + (texts.of || "/") + " " + stats.expected;
  }
  function refreshCounter() {
    if (!connected()) return;
    Live.command("checkin:sync", { event: slug }).then(function (ack) { if (ack.ok) showCounter(ack.stats); });
  }
  Live.on("checkin:stats", function (p) { return p.event + ":" + p.day + ":" + p.point; }, function (stats) {
    if (stats.event === slug && stats.day === root.dataset.today && stats.point_kind === "door") showCounter(stats);
  });

  document.addEventListener("live:connected", function () { flush(); refreshCounter(); });
  window.addEventListener("online", function () {
    if (Live.socket.connected) flush(); else Live.socket.connect();
  });
  window.addEventListener("offline", function () { document.body.dataset.liveConnected = "no"; });
  renderQueue(loadQueue());
  if (localStorage.getItem(cameraKey) === "off") {
    root.dataset.camera = "off";  // this door chose a handheld scanner: the camera waits for a tap
  } else if (window.QrScanner) {
    QrScanner.hasCamera().then(function (has) {
      if (has) startCamera(); else $("camera-status").textContent = texts.no_camera;
    });
  } else {
    $("camera-status").textContent = texts.no_camera;
  }
  root.dataset.ready = "yes";
})();

// Live: one Socket.IO connection per page, facts with version checks, commands with acknowledgements.
// Pages use window.Live.on(fact, keyOf, apply), Live.command(name, payload), Live.onResync(fn) and
// Live.text(item, field) (an organiser's text in the reader's language).
(function () {
  "use strict";
  const texts = JSON.parse(document.getElementById("i18n")?.textContent || "{}");
  const banner = document.getElementById("live-status");
  const versions = new Map();
  const resyncHandlers = [];
  let everConnected = false;

  function show(message) {
    if (!banner) return;
    banner.textContent = message || "";
    banner.hidden = !message;
  }

  const socket = window.io({ reconnectionDelayMax: 4000 });

  // The server lost the bus to its other workers for a while: facts may have been missed, so fetch again.
  socket.on("live:resync", function () { resyncHandlers.forEach(function (fn) { fn(); }); });

  socket.on("connect", function () {
    show("");
    document.body.dataset.liveConnected = "yes";
    // After a drop the page may have missed facts: every page module fetches the state again.
    if (everConnected) resyncHandlers.forEach(function (fn) { fn(); });
    everConnected = true;
    document.dispatchEvent(new CustomEvent("live:connected"));
  });
  socket.on("disconnect", function (reason) {
    document.body.dataset.liveConnected = "no";
    if (reason === "io server disconnect") {
      show(texts.logged_out || "Your session ended. Please reload the page.");
    } else {
      show(texts.reconnecting || "Connection lost. Reconnecting…");
    }
  });
  socket.on("connect_error", function () {
    document.body.dataset.liveConnected = "no";
    show(texts.offline || "Offline. Changes will appear when the connection is back.");
  });
  document.addEventListener("visibilitychange", function () {
    // A phone that slept may hold a dead socket: reconnect at once rather than on the next timer.
    if (document.visibilityState === "visible" && !socket.connected) socket.connect();
  });

  /** Remember the version of something the page rendered, so that older facts are dropped. */
  function seen(fact, key, version) {
    const id = fact + ":" + key;
    if (version != null && !(versions.get(id) >= version)) versions.set(id, version);
  }

  /** Apply a fact when it is newer than what the page holds. keyOf(payload) names the thing it is about. */
  function on(fact, keyOf, apply) {
    socket.on(fact, function (payload) {
      const id = fact + ":" + keyOf(payload);
      if (payload && payload.version != null) {
        if (versions.get(id) >= payload.version) return;
        versions.set(id, payload.version);
      }
      apply(payload);
    });
  }

  /** A key for one command and its retries: the server answers a retry as it answered the first try. */
  function newKey() {
    if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID();
    return Date.now().toString(36) + "-" + Math.random().toString(36).slice(2, 12);
  }

  function once(name, payload, timeoutMs) {
    return new Promise(function (resolve) {
      socket.timeout(timeoutMs).emit(name, payload, function (err, ack) {
        if (err) {
          resolve({ ok: false, error: { code: "timeout", message: texts.timeout || "No answer from the server. Please try again." } });
        } else {
          resolve(ack);
        }
      });
    });
  }

  const RETRYABLE = { unavailable: true, rate_limited: true, timeout: true };
  let retrying = 0;

  /**
   * Send a command; resolves with its acknowledgement. Every command carries an idempotency key, and a
   * command the server could not serve now (`unavailable`, `rate_limited`, no answer) is sent again with the
   * same key after the wait the server asked for, for up to `patienceMs`: a retry never doubles anything.
   * options: a timeout in ms (number), or {timeoutMs, retry: false, patienceMs}.
   */
  function command(name, payload, options) {
    const opts = typeof options === "number" ? { timeoutMs: options } : (options || {});
    const timeoutMs = opts.timeoutMs || 10000;
    const patience = opts.patienceMs == null ? 30000 : opts.patienceMs;
    const started = Date.now();
    const body = Object.assign({}, payload || {}, { idempotency_key: newKey() });
    let attempt = 0;
    function send() {
      return once(name, body, timeoutMs).then(function (ack) {
        const code = ack && !ack.ok && ack.error ? ack.error.code : null;
        const waitMs = Math.min(8000, code && ack.error.retry_after ? ack.error.retry_after * 1000 : 1000 * Math.pow(2, attempt));
        if (!code || !RETRYABLE[code] || opts.retry === false || Date.now() - started + waitMs > patience) {
          if (attempt > 0 && --retrying === 0) show(socket.connected ? "" : banner && banner.textContent);
          return ack;
        }
        if (attempt === 0) retrying++;
        attempt++;
        show(texts.unreliable || "The connection to the server is unreliable. Retrying…");
        return new Promise(function (resolve) { setTimeout(resolve, waitMs); }).then(send);
      });
    }
    return send();
  }

  function onResync(fn) { resyncHandlers.push(fn); }

  /** A text an organiser wrote, in the reader's language where it is translated (the server's order of
   *  languages is on <body data-content-languages>), else the original. */
  function text(item, field) {
    const wanted = (document.body.dataset.contentLanguages || "").split(",").filter(Boolean);
    const translations = (item && item.translations) || {};
    for (const code of wanted) {
      const found = translations[code] && translations[code][field];
      if (found) return found;
    }
    return item ? item[field] : "";
  }

  window.Live = { socket: socket, on: on, seen: seen, command: command, onResync: onResync, texts: texts,
                  text: text };
})();

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

  /** Send a command; resolves with its acknowledgement, or a timeout error if none arrives. */
  function command(name, payload, timeoutMs) {
    return new Promise(function (resolve) {
      socket.timeout(timeoutMs || 10000).emit(name, payload || {}, function (err, ack) {
        if (err) {
          resolve({ ok: false, error: { code: "timeout", message: texts.timeout || "No answer from the server. Please try again." } });
        } else {
          resolve(ack);
        }
      });
    });
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

// Programme: live announcements (a toast on every page, a browser notification where allowed, the list page kept
// current) and the agenda's now/next highlight, which follows the clock without a reload.
(function () {
  "use strict";
  const FACT = "programme:announcement";

  function announcements(root, texts) {
    const toasts = document.getElementById("programme-toasts");
    const notify = document.getElementById("programme-notify");
    const list = document.getElementById("announcement-list");
    const slug = root.dataset.event;
    const eventId = Number(root.dataset.eventId);
    const known = new Set();

    JSON.parse(document.getElementById("programme-announcements")?.textContent || "[]").forEach(function (a) {
      known.add(a.id);
      window.Live.seen(FACT, a.id, a.version);
    });

    // Permission is asked only on a click: browsers ignore (and penalise) prompts without a user gesture.
    if (notify && "Notification" in window && Notification.permission === "default") {
      const slot = document.querySelector("[data-programme-notify-slot]");
      if (slot) slot.appendChild(notify);
      notify.hidden = false;
      notify.addEventListener("click", function () {
        Notification.requestPermission().then(function (answer) {
          notify.hidden = true;
          const note = toast({ text: answer === "granted" ? texts.notify_on : texts.notify_denied }, false);
          setTimeout(function () { note.remove(); }, 6000);
        });
      });
    }

    function toast(a, withMeta) {
      const box = Dom.card("toast");
      box.dataset.id = a.id || "";
      Dom.fill(box, {
        meta: withMeta && (texts.title || "Announcement") +
          (a.sender ? " · " + (texts.from || "from {name}").replace("{name}", a.sender.name) : ""),
        text: Live.text(a, "text"),
      });
      box.querySelector('[data-field="close"]').addEventListener("click", function () { box.remove(); });
      toasts.prepend(box);
      while (toasts.children.length > 3) toasts.lastElementChild.remove();
      return box;
    }

    function browserNotification(a) {
      if (!("Notification" in window) || Notification.permission !== "granted") return;
      try {
        new Notification(texts.title || "Announcement", { body: Live.text(a, "text"), tag: "announcement-" + a.id });
      } catch (e) { /* some mobile browsers only notify through a service worker: the toast is enough */ }
    }

    const audiences = JSON.parse(document.getElementById("programme-audiences")?.textContent || "{}");
    const whenFmt = new Intl.DateTimeFormat(document.documentElement.lang || "en", {
      timeZone: root.dataset.timezone, weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

    function audienceLabel(audience) {
      if (!audience) return null;
      return audiences[audience.value == null ? audience.kind : audience.kind + ":" + audience.value] || null;
    }

    // The card's markup is the server's (templates/programme/_announcement.html): clone it, fill its parts;
    // showPinned then sets what depends on the pin.
    function listItem(a) {
      const item = Dom.card("announcement");
      item.dataset.id = a.id;
      item.dataset.sent = a.sent_at;
      const parts = whenFmt.formatToParts(new Date(a.sent_at));
      const part = function (type) { const p = parts.find(function (x) { return x.type === type; }); return p ? p.value : ""; };
      return Dom.fill(item, {
        when: { text: part("weekday") + " " + part("hour") + ":" + part("minute"), attrs: { datetime: a.sent_at } },
        sender: a.sender ? a.sender.name : (texts.someone || "someone"),
        audience: audienceLabel(a.audience),
        text: Live.text(a, "text"),
        pin: { attrs: { action: list.dataset.pinUrl.replace(/\/0\/pin$/, "/" + a.id + "/pin") } },
      });
    }

    function showPinned(item, a) {
      item.classList.toggle("is-pinned", a.pinned);
      const pill = item.querySelector(".announcement-pin");
      if (pill) pill.hidden = !a.pinned;
      const value = item.querySelector("input[name=pinned]");
      if (value) value.value = a.pinned ? "no" : "yes";
      const button = item.querySelector("form button");
      if (button) button.textContent = a.pinned ? (texts.unpin || "Unpin") : (texts.pin || "Pin");
    }

    function placeInList(a) {
      if (!list) return;
      list.querySelector(".announcement-empty")?.remove();
      let item = list.querySelector('[data-id="' + a.id + '"]');
      if (!item) item = listItem(a);
      item.dataset.version = a.version;
      showPinned(item, a);
      // Pinned first, then newest first: the order the server renders.
      const rank = function (node) { return [node.classList.contains("is-pinned") ? 1 : 0, node.dataset.sent]; };
      const mine = rank(item);
      const before = Array.from(list.children).find(function (other) {
        if (other === item) return false;
        const theirs = rank(other);
        return mine[0] > theirs[0] || (mine[0] === theirs[0] && mine[1] > theirs[1]);
      });
      list.insertBefore(item, before || null);
    }

    window.Live.on(FACT, function (a) { return a.id; }, function (a) {
      if (a.event_id !== eventId) return;
      const fresh = a.version === 1 && !known.has(a.id);
      known.add(a.id);
      placeInList(a);
      if (fresh) {
        toast(a, true);
        browserNotification(a);
      }
    });

    window.Live.onResync(function () {
      if (!list) return;
      fetch("/api/v1/events/" + encodeURIComponent(slug) + "/announcements", { headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { announcements: [] }; })
        .then(function (body) {
          body.announcements.forEach(function (a) { window.Live.seen(FACT, a.id, a.version); known.add(a.id); placeInList(a); });
        });
    });
  }

  function highlight(agenda) {
    const items = Array.from(agenda.querySelectorAll(".agenda-item"));
    function update() {
      const now = Date.now();
      let soonest = Infinity;
      items.forEach(function (item) {
        const starts = Date.parse(item.dataset.starts);
        if (starts > now && starts < soonest) soonest = starts;
      });
      items.forEach(function (item) {
        const starts = Date.parse(item.dataset.starts);
        const ends = Date.parse(item.dataset.ends);
        const isNow = starts <= now && now < ends;
        const isNext = starts === soonest;
        item.classList.toggle("is-now", isNow);
        item.classList.toggle("is-next", isNext);
        item.classList.toggle("is-past", ends <= now && !isNow);
        if (isNow) item.setAttribute("aria-current", "time"); else item.removeAttribute("aria-current");
        const nowTag = item.querySelector(".tag-now");
        const nextTag = item.querySelector(".tag-next");
        if (nowTag) nowTag.hidden = !isNow;
        if (nextTag) nextTag.hidden = isNow || !isNext;
      });
    }
    update();
    setInterval(update, 30000);
  }

  function start() {
    const root = document.getElementById("programme-live");
    if (root && window.Live && window.Dom) {
      announcements(root, JSON.parse(document.getElementById("programme-i18n")?.textContent || "{}"));
    }
    const agenda = document.getElementById("agenda");
    if (agenda) highlight(agenda);
  }

  // Deferred scripts run before DOMContentLoaded, in order: waiting for it means live.js has run, wherever the
  // snippet that loads this file was placed.
  if (document.readyState === "complete") start(); else document.addEventListener("DOMContentLoaded", start);
})();

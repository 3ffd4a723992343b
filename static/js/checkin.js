// Live attendance for organisers: the counters and per-door list follow `checkin:stats` facts.
(function () {
  "use strict";
  const root = document.getElementById("attendance");
  if (!root || !window.Live || !window.Dom) return;
  const texts = JSON.parse(document.getElementById("checkin-texts")?.textContent || "{}");
  const key = function (p) { return p.event + ":" + p.day + ":" + p.point; };
  const mine = root.dataset.event + ":" + root.dataset.day + ":" + root.dataset.point;
  Live.seen("checkin:stats", mine, Number(root.dataset.version));

  function apply(stats) {
    if (key(stats) !== mine) return;
    document.getElementById("stat-in").textContent = stats.checked_in;
    document.getElementById("stat-expected").textContent = stats.expected;
    document.getElementById("stat-missing").textContent = Math.max(stats.expected - stats.checked_in, 0);
    const list = document.getElementById("door-list");
    list.replaceChildren();
    const doors = Object.keys(stats.doors).sort();
    if (!doors.length) list.append(Dom.card("no-door"));
    doors.forEach(function (door) {
      list.append(Dom.fill(Dom.card("door"), { door: door || texts.unnamed || "", count: String(stats.doors[door]) }));
    });
  }

  // The version counts every check-in of the event, so facts of other days still move it on.
  Live.on("checkin:stats", key, apply);
  Live.onResync(function () {
    Live.command("checkin:sync", { event: root.dataset.event, day: root.dataset.day }).then(function (ack) {
      if (ack.ok) apply(ack.stats);
    });
  });
})();

// The organiser's overview: on any fact that can move a figure, fetch every figure again (overview.json) and
// update the numbers and charts in place. Fetches are throttled, so that a storm of facts costs a few requests;
// a reconnect and a slow timer (wait times grow by themselves) fetch too.
(function () {
  "use strict";
  const root = document.getElementById("overview");
  if (!root || !window.Live || !window.Dom) return;
  const slug = root.dataset.event;
  const eventId = Number(root.dataset.eventId);
  const url = root.dataset.url;
  const zone = root.dataset.timezone;
  const texts = JSON.parse(document.getElementById("overview-texts").textContent);
  const announcer = document.getElementById("overview-announce");
  const SVG = "http://www.w3.org/2000/svg";
  const MIN_GAP_MS = 500;      // at most one fetch per half second
  const SETTLE_MS = 100;       // facts of one change (a walk-in: registration and check-in) arrive together
  const REFRESH_MS = 60000;    // wait times and the hour window move without any fact
  const ANNOUNCE_GAP_MS = 30000;  // screen readers hear a summary of what changed, at most this often

  let timer = null;
  let inFlight = false;
  let dirty = false;
  let lastFetch = 0;

  function schedule() {
    dirty = true;
    if (timer || inFlight) return;
    const wait = Math.max(SETTLE_MS, lastFetch + MIN_GAP_MS - Date.now());
    timer = setTimeout(run, wait);
  }

  async function run() {
    timer = null;
    if (!dirty) return;
    dirty = false;
    inFlight = true;
    lastFetch = Date.now();
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin",
                                           cache: "no-store" });
      if (response.ok) apply(await response.json());
    } catch (error) {
      // Offline: live.js shows the banner, and a reconnect fetches again.
    } finally {
      inFlight = false;
      if (dirty) schedule();
    }
  }

  function valueAt(figures, path) {
    return path.split(".").reduce(function (value, key) { return value == null ? undefined : value[key]; }, figures);
  }

  // --- numbers ---------------------------------------------------------------------------------------------
  const pending = new Map();
  let announceTimer = null;
  let lastAnnounce = 0;

  function announce() {
    announceTimer = null;
    if (!pending.size || !announcer) return;
    const changes = Array.from(pending, function ([label, value]) { return label + " " + value; }).join(", ");
    pending.clear();
    lastAnnounce = Date.now();
    announcer.textContent = texts.changed.replace("{changes}", changes);
  }

  function noteChange(el) {
    const tile = el.closest(".stat");
    if (!tile) return;
    tile.classList.remove("flash-update");
    void tile.offsetWidth;  // restart the animation
    tile.classList.add("flash-update");
    const label = tile.querySelector(".label");
    if (label) pending.set(label.textContent.trim(), tile.querySelector("[data-figure]").textContent);
    if (!announceTimer) announceTimer = setTimeout(announce, Math.max(1000, lastAnnounce + ANNOUNCE_GAP_MS - Date.now()));
  }

  function updateNumbers(figures) {
    root.querySelectorAll("[data-figure]").forEach(function (el) {
      const value = valueAt(figures, el.dataset.figure);
      if (value === undefined) return;
      if (el.dataset.labels) {
        el.dataset.state = value;
        el.textContent = (texts[el.dataset.labels] || {})[value] || value;
        return;
      }
      const shown = String(el.dataset.format === "minutes" ? Math.floor(value / 60) : value);
      if (el.textContent === shown) return;
      el.textContent = shown;
      noteChange(el);
    });
    root.querySelectorAll("[data-hide-if]").forEach(function (el) {
      el.hidden = Boolean(valueAt(figures, el.dataset.hideIf));
    });
  }

  // --- charts ----------------------------------------------------------------------------------------------
  function updateChart(figure, bars) {
    const total = bars.reduce(function (sum, bar) { return sum + bar.count; }, 0);
    figure.querySelector("[data-chart-body]").hidden = !total;
    figure.querySelector("[data-chart-empty]").hidden = Boolean(total);
    const svg = figure.querySelector("svg");
    svg.setAttribute("viewBox", "0 0 " + Math.max(bars.length, 1) * 10 + " 100");
    svg.replaceChildren.apply(svg, bars.map(function (bar, i) {
      const rect = document.createElementNS(SVG, "rect");
      rect.setAttribute("x", i * 10 + 1);
      rect.setAttribute("y", 100 - bar.percent);
      rect.setAttribute("width", 8);
      rect.setAttribute("height", bar.percent);
      const title = document.createElementNS(SVG, "title");
      title.textContent = bar.label + ": " + bar.count;
      rect.appendChild(title);
      return rect;
    }));
    figure.querySelector('[data-axis="first"]').textContent = bars.length ? bars[0].label : "";
    figure.querySelector('[data-axis="last"]').textContent = bars.length ? bars[bars.length - 1].label : "";
    const peak = bars.reduce(function (best, bar) { return !best || bar.count > best.count ? bar : best; }, null);
    figure.querySelector("[data-chart-summary]").textContent = total
      ? texts.summary.replace("{total}", total).replace("{label}", peak.label).replace("{count}", peak.count) : "";
    const rows = figure.querySelector("[data-chart-rows]");
    rows.replaceChildren.apply(rows, bars.map(function (bar) {
      return Dom.fill(Dom.card("chart-row"), { label: { text: bar.label }, count: String(bar.count) });
    }));
  }

  function apply(figures) {
    if (figures.event !== slug) return;
    updateNumbers(figures);
    root.querySelectorAll("[data-chart]").forEach(function (figure) {
      const bars = valueAt(figures, figure.dataset.chart);
      if (Array.isArray(bars)) updateChart(figure, bars);
    });
    const updated = document.querySelector("[data-updated]");
    if (updated && figures.generated_at) {
      updated.setAttribute("datetime", figures.generated_at);
      updated.textContent = new Date(figures.generated_at).toLocaleTimeString(document.documentElement.lang || undefined,
        { timeZone: zone, hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false });
    }
    root.dataset.generated = figures.generated_at;
  }

  // --- facts that can move a figure ---------------------------------------------------------------------------
  // Each is keyed as its capability keys it, so that Live drops repeats; the payload itself is not used: the
  // figures are computed on the server, from the committed state.
  const ours = {
    bySlug: function (p) { return p && p.event === slug; },
    byId: function (p) { return p && p.event_id === eventId; },
  };
  [
    ["events:registrations", function (p) { return p.event; }, ours.bySlug],
    ["checkin:stats", function (p) { return p.event + ":" + p.day + ":" + p.point; }, ours.bySlug],
    ["teams:team", function (p) { return p.id; }, ours.byId],
    ["mentoring:slot", function (p) { return p.id; }, ours.byId],
    ["mentoring:help", function (p) { return p.id; }, ours.byId],
    ["mentoring:help_stats", function (p) { return p.event_id; }, ours.byId],
    ["judging:progress", function (p) { return p.event + ":" + p.team_id; }, ours.bySlug],
    ["judging:state", function (p) { return p.event; }, ours.bySlug],
  ].forEach(function ([fact, keyOf, isOurs]) {
    Live.on(fact, keyOf, function (payload) { if (isOurs(payload)) schedule(); });
  });
  // Facts committed between the page's rendering and the socket's first connect are caught by one fetch then;
  // after a reconnect Live asks every page to fetch its state again.
  document.addEventListener("live:connected", schedule, { once: true });
  Live.onResync(schedule);
  setInterval(function () { if (document.visibilityState === "visible") schedule(); }, REFRESH_MS);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible" && Date.now() - lastFetch > REFRESH_MS) schedule();
  });
})();

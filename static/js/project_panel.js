// The project beside the scoring form: when the juror's phone moves to another team (judging.js tells by
// the `judging:team` event), the panel shows that team's project from the data the page was given.
(function () {
  "use strict";
  const node = document.getElementById("project-panel-data");
  const panel = document.getElementById("project-panel");
  if (!node || !panel) return;
  const data = JSON.parse(node.textContent);
  const labels = data.texts;

  function el(tag, text, className) {
    const e = document.createElement(tag);
    if (text != null) e.textContent = text;
    if (className) e.className = className;
    return e;
  }

  function show(teamId) {
    const p = data.projects[String(teamId)];
    panel.querySelector("[data-panel-title]").textContent = (p && p.title) || labels.none;
    const body = panel.querySelector("[data-panel-body]");
    body.textContent = "";
    if (p && p.version) {
      if (p.summary) body.append(el("p", p.summary, "lead project-summary"));
      ["problem", "built", "approach"].forEach(function (name) {
        if (!p[name]) return;
        body.append(el("h3", labels[name]));
        const prose = el("div", null, "prose project-text");
        p[name].split("\n\n").forEach(function (para) { prose.append(el("p", para)); });
        body.append(prose);
      });
      const list = el("ul", null, "linklist project-links");
      (p.links || []).forEach(function (link) {
        const a = el("a", data.links[link.kind] || link.kind);
        a.href = link.url; a.rel = "noopener noreferrer nofollow"; a.target = "_blank";
        const li = el("li"); li.append(a, " ", el("span", link.url, "muted small")); list.append(li);
      });
      (p.files || []).forEach(function (f) {
        const a = el("a", (f.kind === "slides" ? labels.slides + ": " : "") + f.name); a.href = f.url;
        const li = el("li"); li.append(a); list.append(li);
      });
      if (list.children.length) body.append(list);
    }
    panel.querySelector("[data-panel-link]").href = data.base.replace(/\/0$/, "/" + teamId);
  }

  document.addEventListener("judging:team", function (e) { show(e.detail.team_id); });
})();

// The project beside the scoring form: when the juror's phone moves to another team (judging.js tells by
// the `judging:team` event), the panel shows that team's project from the data the page was given, in the
// markup of templates/projects/_body.html (cloned from its <template data-card="project-body">). This file
// is included mid-page, so it runs before dom.js: it uses window.Dom only when a team is shown.
(function () {
  "use strict";
  const node = document.getElementById("project-panel-data");
  const panel = document.getElementById("project-panel");
  if (!node || !panel) return;
  const data = JSON.parse(node.textContent);
  const labels = data.texts;

  function paragraphs(text) { return text ? text.split("\n\n") : []; }

  function body(p) {
    const files = p.files || [];
    const links = (p.links || []).map(function (link) {
      return { fields: { label: { text: data.links[link.kind] || link.kind, attrs: { href: link.url } }, url: link.url } };
    });
    const slides = files.filter(function (f) { return f.kind === "slides"; }).map(function (f) {
      return { fields: { file: { text: f.name, attrs: { href: f.url } } } };
    });
    const alt = (labels.image || "{title}").replace("{title}", p.title || (p.team && p.team.name) || "");
    return Dom.fill(Dom.card("project-body"), {
      summary: p.summary,
      problem: paragraphs(p.problem),
      built: paragraphs(p.built),
      approach: paragraphs(p.approach),
      images: files.filter(function (f) { return f.kind === "image"; }).map(function (f) {
        return { attrs: { src: f.url, alt: alt } };
      }),
      links: links.length || slides.length ? { items: { link: links, slides: slides } } : null,
    });
  }

  function show(teamId) {
    const p = data.projects[String(teamId)];
    panel.querySelector("[data-panel-title]").textContent = (p && p.title) || labels.none;
    const shown = panel.querySelector("[data-panel-body]");
    if (p && p.version) {
      shown.replaceWith(body(p));
    } else {
      shown.textContent = "";
    }
    panel.querySelector("[data-panel-link]").href = data.base.replace(/\/0$/, "/" + teamId);
  }

  document.addEventListener("judging:team", function (e) { show(e.detail.team_id); });
})();

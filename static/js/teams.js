// Teams: team cards follow the `teams:team` fact on the board, challenge pages, a team's page and the
// organiser's view; `teams:request` shows a notice to the requester and the team; `teams:sync` after a reconnect.
(function () {
  "use strict";
  const lists = Array.from(document.querySelectorAll("[data-team-list]"));
  if (!lists.length || !window.Live) return;
  const texts = JSON.parse(document.getElementById("teams-i18n")?.textContent || "{}");
  const slug = lists[0].dataset.event;
  const notices = document.getElementById("team-notices");

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = text;
    return node;
  }

  function placesText(n) {
    if (n <= 0) return texts.full || "Full";
    return n === 1 ? (texts.place_one || "1 place left") : (texts.places || "{n} places left").replace("{n}", n);
  }

  function buildCard(team, list) {
    const card = el("li", "team-card");
    card.dataset.teamId = team.id;
    card.dataset.challenge = team.challenge ? team.challenge.id : "";
    card.dataset.version = team.version;
    const title = el("h3", "team-name");
    const link = el("a", null, team.name);
    link.href = list.dataset.teamUrl.replace(/\/0$/, "/" + team.id);
    title.appendChild(link);
    card.appendChild(title);
    if (team.challenge) card.appendChild(el("p", "muted small team-challenge", team.challenge.title));
    if (team.pitch) card.appendChild(el("p", "team-pitch", team.pitch));
    const status = el("p", "status-line");
    status.appendChild(el("span", "pill " + (team.open_places > 0 ? "green" : "grey") + " team-places",
      placesText(team.open_places)));
    status.appendChild(document.createTextNode(" "));
    status.appendChild(el("span", "pill team-policy", team.join_policy === "open" ? texts.open : texts.request));
    card.appendChild(status);
    if (team.open_roles && team.open_roles.length) {
      const roles = el("p", "team-roles");
      team.open_roles.forEach(function (r) { roles.appendChild(el("span", "tag", r)); });
      card.appendChild(roles);
    }
    const showEmail = list.dataset.showEmail === "yes";
    card.appendChild(el("p", "small team-members", team.members.map(function (m) {
      return showEmail && m.email ? m.name + " <" + m.email + ">" : m.name;
    }).join(", ")));
    return card;
  }

  function placeCard(list, team) {
    const existing = list.querySelector('[data-team-id="' + team.id + '"]');
    const only = list.dataset.onlyTeam;
    if (only && String(team.id) !== only) return;
    const filter = list.dataset.challengeFilter;
    const belongs = !filter || (team.challenge && String(team.challenge.id) === filter);
    if (team.dissolved || !belongs) {
      if (existing) existing.remove();
      if (team.dissolved && only) notify(texts.dissolved, "warning");
      return;
    }
    if (existing && Number(existing.dataset.version) >= team.version) return;
    const card = buildCard(team, list);
    if (existing) {
      existing.replaceWith(card);
    } else if (list.dataset.filtered !== "yes" && !only) {
      list.prepend(card);
    } else {
      return;
    }
    card.classList.add("flash-update");
  }

  function notify(message, kind) {
    if (!notices || !message) return;
    const p = el("p", "flash " + (kind || "info"), message);
    p.setAttribute("role", "status");
    notices.appendChild(p);
  }

  lists.forEach(function (list) {
    list.querySelectorAll("[data-team-id]").forEach(function (card) {
      Live.seen("teams:team", card.dataset.teamId, Number(card.dataset.version));
    });
  });

  function apply(team) {
    lists.forEach(function (list) { placeCard(list, team); });
  }

  // Live.on drops older versions per team; each list then places, replaces or removes the card.
  Live.on("teams:team", function (p) { return p.id; }, apply);

  Live.socket.on("teams:request", function (req) {
    const me = notices ? notices.dataset.userId : "";
    if (req.status === "accepted" || req.status === "declined") {
      notify((texts[req.status] || "").replace("{team}", req.team.name), req.status === "accepted" ? "success" : "info");
    } else if (req.status === "pending" && String(req.user.id) !== me) {
      notify((texts.new_request || "").replace("{name}", req.user.name).replace("{team}", req.team.name), "info");
    }
  });

  Live.onResync(function () {
    Live.command("teams:sync", { event: slug }).then(function (ack) {
      if (!ack || !ack.ok) return;
      const alive = new Set(ack.teams.map(function (t) { return String(t.id); }));
      lists.forEach(function (list) {
        list.querySelectorAll("[data-team-id]").forEach(function (card) {
          if (!alive.has(card.dataset.teamId)) card.remove();
        });
      });
      ack.teams.forEach(apply);
    });
  });
})();

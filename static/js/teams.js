// Teams: team cards follow the `teams:team` fact on the board, challenge pages, a team's page and the
// organiser's view; `teams:request` shows a notice to the requester and the team; `teams:sync` after a reconnect.
(function () {
  "use strict";
  const lists = Array.from(document.querySelectorAll("[data-team-list]"));
  if (!lists.length || !window.Live || !window.Dom) return;
  const texts = JSON.parse(document.getElementById("teams-i18n")?.textContent || "{}");
  const slug = lists[0].dataset.event;
  const notices = document.getElementById("team-notices");

  function placesText(n) {
    if (n <= 0) return texts.full || "Full";
    return n === 1 ? (texts.place_one || "1 place left") : (texts.places || "{n} places left").replace("{n}", n);
  }

  // The card's markup is the server's (templates/teams/_card.html): clone it and fill its parts.
  function buildCard(team, list) {
    const card = Dom.card("team");
    card.dataset.teamId = team.id;
    card.dataset.challenge = team.challenge ? team.challenge.id : "";
    card.dataset.version = team.version;
    const showEmail = list.dataset.showEmail === "yes";
    return Dom.fill(card, {
      name: { text: team.name, attrs: { href: list.dataset.teamUrl.replace(/\/0$/, "/" + team.id) } },
      challenge: team.challenge && team.challenge.title,
      pitch: team.pitch,
      places: { text: placesText(team.open_places), classes: { green: team.open_places > 0, grey: team.open_places <= 0 } },
      policy: team.join_policy === "open" ? texts.open : texts.request,
      roles: team.open_roles || [],
      members: { text: team.members.map(function (m) {
        return showEmail && m.email ? m.name + " <" + m.email + ">" : m.name;
      }).join(", ") },
    });
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

  function notify(message, kind) { Dom.notify(notices, message, kind); }

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

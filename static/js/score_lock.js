// The juror's score form follows the session: enabled while scoring is open, else disabled with the reason.
// Listens to the "judging:state" event judging.js dispatches on every state it applies.
(function () {
  "use strict";
  const fields = document.getElementById("score-fields");
  const note = document.getElementById("score-closed");
  if (!fields || !note) return;
  const reasons = JSON.parse(note.dataset.reasons || "{}");
  document.addEventListener("judging:state", function (event) {
    const open = event.detail && event.detail.state === "open";
    fields.disabled = !open;
    note.hidden = open;
    if (!open) note.textContent = reasons[event.detail.state] || "";
  });
})();

// The places menu ("More"): closes on Escape, on a tap outside it, and when one of its places is chosen.
(function () {
  "use strict";
  const menu = document.querySelector("[data-places-more]");
  if (!menu) return;
  document.addEventListener("click", function (event) {
    if (menu.open && !menu.contains(event.target)) menu.open = false;
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && menu.open) {
      menu.open = false;
      menu.querySelector("summary").focus();
    }
  });
})();

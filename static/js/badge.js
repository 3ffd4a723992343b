// The participant's badge: keep a copy in localStorage so the QR still shows when the connection drops.
(function () {
  "use strict";
  const box = document.getElementById("badge");
  const img = document.getElementById("badge-qr");
  if (!box || !img) return;
  const key = "badge:" + box.dataset.event;
  try {
    // The page on screen is the newest: a reissued badge replaces the stored one.
    localStorage.setItem(key, JSON.stringify({ code: box.dataset.code, image: img.src, saved: Date.now() }));
  } catch (e) { /* storage full or disabled: the page itself still shows the badge */ }
  img.addEventListener("error", function () {
    const saved = JSON.parse(localStorage.getItem(key) || "null");
    if (saved && saved.image && img.src !== saved.image) img.src = saved.image;
  });
})();

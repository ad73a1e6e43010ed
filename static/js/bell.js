// The bell in the navbar (templates/base.html): reads the number of unread notifications from
// the URL in the bell link's data-count-url when the page loads and every 60 seconds while the
// page is visible, and shows it in #bell-count, hidden when there is none. Without this script
// the bell is a plain link to the notifications.
(function () {
  const INTERVAL_MS = 60000;

  function start() {
    const bell = document.getElementById("bell");
    const badge = document.getElementById("bell-count");
    if (!bell || !badge || !bell.dataset.countUrl) return;

    function show(count) {
      badge.textContent = count > 99 ? "99+" : String(count);
      badge.hidden = count <= 0;
    }

    function refresh() {
      if (document.visibilityState === "hidden") return;
      fetch(bell.dataset.countUrl, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        cache: "no-store",
        redirect: "error", // logged out: the login page is not a count
      })
        .then((response) => {
          if (!response.ok) throw new Error(String(response.status));
          return response.json();
        })
        .then((data) => show(Number(data.unread) || 0))
        .catch(() => {}); // keep what is shown; try again at the next tick
    }

    refresh();
    setInterval(refresh, INTERVAL_MS);
    document.addEventListener("visibilitychange", refresh);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

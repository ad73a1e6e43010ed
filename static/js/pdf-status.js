// Polls the plan's PDF state while it is being prepared, then reloads the page.
(function () {
  const box = document.getElementById("pdf-status");
  if (!box || box.dataset.state !== "rendering") return;
  const poll = () =>
    fetch(box.dataset.statusUrl, { headers: { Accept: "application/json" } })
      .then((response) => response.json())
      .then((data) => {
        if (data.state === "rendering") setTimeout(poll, 1500);
        else window.location.reload();
      })
      .catch(() => setTimeout(poll, 5000));
  setTimeout(poll, 1000);
})();

// Export boxes (templates/registrations/_exports.html): each [data-export] element has a form
// that asks for a new file, a progress indicator, an error and a download link. The form is
// posted in the background (the view answers JSON when asked for it) and the export's status
// URL is polled while it is being rendered; the box is updated in place, no page reload.
// Without this script the forms post normally and the page reloads.
(function () {
  if (window.tdktExportStatus) return; // included once per box: set up once per page
  window.tdktExportStatus = true;

  const POLL_MS = 1500;
  const RETRY_MS = 5000;

  function show(element, visible) {
    if (element) element.hidden = !visible;
  }

  function update(box, data) {
    box.dataset.state = data.state;
    if (data.status_url) box.dataset.statusUrl = data.status_url;
    const rendering = data.state === "rendering";
    const button = box.querySelector("[data-export-form] button");
    if (button) button.disabled = rendering;
    show(box.querySelector("[data-export-progress]"), rendering);
    const error = box.querySelector("[data-export-error]");
    if (error) {
      error.textContent = data.error || "";
      show(error, data.state === "failed");
    }
    const ready = box.querySelector("[data-export-ready]");
    if (ready && data.download_url) {
      ready.querySelector("[data-export-link]").href = data.download_url;
      ready.querySelector("[data-export-date]").textContent = data.rendered_at || "";
    }
    show(ready, Boolean(data.download_url && data.rendered_at));
  }

  function poll(box) {
    if (box.dataset.state !== "rendering" || !box.dataset.statusUrl) return;
    fetch(box.dataset.statusUrl, {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
      cache: "no-store",
    })
      .then((response) => {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then((data) => {
        update(box, data);
        if (data.state === "rendering") setTimeout(() => poll(box), POLL_MS);
      })
      .catch(() => setTimeout(() => poll(box), RETRY_MS));
  }

  function request(box, form, event) {
    event.preventDefault();
    const button = form.querySelector("button");
    if (button) button.disabled = true;
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then((response) => {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then((data) => {
        update(box, data);
        if (data.state === "rendering") setTimeout(() => poll(box), POLL_MS);
      })
      .catch(() => form.submit()); // let the server answer with its page and message
  }

  function start() {
    document.querySelectorAll("[data-export]").forEach((box) => {
      const form = box.querySelector("[data-export-form]");
      if (form) form.addEventListener("submit", (event) => request(box, form, event));
      if (box.dataset.state === "rendering") setTimeout(() => poll(box), POLL_MS);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

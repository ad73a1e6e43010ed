// An export job's page (templates/reports/jobs/detail.html): the progress bar, then the download
// button or the error. While the job is queued or running, the status URL (JSON from
// reports/jobs/views.py job_status: state, state_label, done, total, percent, download_url,
// error, expires_at) is polled and the page updated in place. Sizes the bar from data-percent
// when the page loads (no inline style: the CSP forbids it). Without this script the page
// reloads itself while the file is being prepared.
(function () {
  const POLL_MS = 1500;
  const RETRY_MS = 5000;
  const PENDING = ["queued", "running"];

  function show(element, visible) {
    if (element) element.hidden = !visible;
  }

  function rowsText(box, done, total) {
    const rows = box.querySelector("[data-job-rows]");
    if (!rows) return;
    const template =
      total === null || total === undefined
        ? rows.dataset.rowsUnknownText
        : rows.dataset.rowsText;
    rows.textContent = (template || "")
      .replace("{done}", String(done || 0))
      .replace("{total}", String(total));
  }

  function bar(box, percent) {
    const track = box.querySelector("[data-job-bar]");
    const fill = box.querySelector("[data-job-bar-fill]");
    if (!track || !fill) return;
    const known = percent !== null && percent !== undefined && percent !== "";
    fill.classList.toggle("progress-bar-striped", !known);
    fill.classList.toggle("progress-bar-animated", !known);
    fill.classList.toggle("w-100", !known);
    fill.style.width = known ? `${Number(percent)}%` : "";
    fill.textContent = known ? `${Number(percent)} %` : "";
    track.setAttribute("aria-valuenow", known ? String(Number(percent)) : "0");
  }

  function update(box, data) {
    box.dataset.state = data.state;
    const state = box.querySelector("[data-job-state]");
    if (state && data.state_label) state.textContent = data.state_label;
    const pending = PENDING.includes(data.state);
    show(box.querySelector("[data-job-progress]"), pending);
    if (pending) {
      bar(box, data.percent);
      rowsText(box, data.done, data.total);
    }
    const ready = box.querySelector("[data-job-ready]");
    if (ready && data.state === "ready") {
      const link = ready.querySelector("[data-job-download]");
      if (link && data.download_url) link.href = data.download_url;
      const expires = ready.querySelector("[data-job-expires]");
      if (expires) expires.textContent = data.expires_at || "";
    }
    show(ready, data.state === "ready");
    const failed = box.querySelector("[data-job-failed]");
    const error = box.querySelector("[data-job-error]");
    if (error) error.textContent = data.error || "";
    show(failed, data.state === "failed");
  }

  function poll(box) {
    if (!PENDING.includes(box.dataset.state) || !box.dataset.statusUrl) return;
    fetch(box.dataset.statusUrl, {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
      cache: "no-store",
      redirect: "error", // logged out: the login page is not a status
    })
      .then((response) => {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then((data) => {
        update(box, data);
        if (PENDING.includes(data.state)) setTimeout(() => poll(box), POLL_MS);
      })
      .catch(() => setTimeout(() => poll(box), RETRY_MS));
  }

  function start() {
    const box = document.querySelector("[data-export-job]");
    if (!box) return;
    bar(box, box.dataset.percent);
    if (PENDING.includes(box.dataset.state)) setTimeout(() => poll(box), POLL_MS);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

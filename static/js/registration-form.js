// The registration form: add and remove lines, show the fields each line needs (collective or
// individual; the initiative or model its title asks for), pick a person found by the search,
// save the draft automatically, and keep everything typed on this device until the server has
// it (an expired session or a lost connection loses nothing).
(function () {
  "use strict";
  const form = document.getElementById("registration-form");
  if (!form) return;
  const entries = document.getElementById("entries");
  const template = document.getElementById("entry-template");
  const total = form.querySelector("input[name$='-TOTAL_FORMS']");
  const status = document.getElementById("autosave-status");
  const storageKey = form.dataset.storageKey;
  const serverSavedAt = Number(form.dataset.savedAt || 0) * 1000;
  const msg = form.dataset;
  let timer = null;
  let dirty = false;

  function rowState(row) {
    const kind = row.querySelector(".entry-kind").value;
    const award = row.querySelector(".entry-award");
    const option = award.options[award.selectedIndex];
    const asks = option ? option.dataset.asks || "" : "";
    const kinds = option && option.dataset.kinds ? option.dataset.kinds.split(" ") : [];
    row.querySelector(".kind-collective").hidden = kind !== "collective";
    row.querySelector(".kind-individual").hidden = kind !== "individual";
    row.querySelector(".asks-initiative").hidden = !(asks === "initiative" && kind === "individual");
    row.querySelector(".asks-model").hidden = !(asks === "model" && kind === "collective");
    for (const opt of award.options) {
      if (opt.dataset.kinds) opt.hidden = !opt.dataset.kinds.split(" ").includes(kind);
    }
    if (option && option.value && !kinds.includes(kind)) award.value = "";
    const picked = row.querySelector(".person-id").value;
    row.querySelector(".new-person").hidden = Boolean(picked);
    const state = row.querySelector(".person-state");
    const name = row.querySelector(".person-name").value.trim();
    state.textContent = picked ? msg.msgExisting : name ? msg.msgNew : "";
    const removed = row.querySelector("input[name$='-DELETE']");
    row.classList.toggle("opacity-50", Boolean(removed && removed.checked));
  }

  function renumber() {
    let n = 0;
    for (const row of entries.querySelectorAll(".entry-row")) {
      n += 1;
      row.querySelector(".line-number").textContent = String(n);
    }
  }

  function addRow() {
    const index = Number(total.value);
    const html = template.innerHTML.replaceAll("__prefix__", String(index));
    entries.insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    const row = entries.lastElementChild;
    if (window.htmx) window.htmx.process(row);
    rowState(row);
    renumber();
    return row;
  }

  // --- keeping what was typed on this device -------------------------------------------------
  function snapshot() {
    const values = [];
    for (const [name, value] of new FormData(form).entries()) {
      if (name !== "csrfmiddlewaretoken") values.push([name, value]);
    }
    return { at: Date.now(), total: Number(total.value), values };
  }

  function keepLocally() {
    try {
      localStorage.setItem(storageKey, JSON.stringify(snapshot()));
    } catch (error) {
      /* storage full or disabled: the server copy is all we have */
    }
  }

  function restore(saved) {
    while (Number(total.value) < saved.total) addRow();
    const checkboxes = form.querySelectorAll("input[type=checkbox]");
    for (const box of checkboxes) box.checked = false;
    for (const [name, value] of saved.values) {
      const field = form.elements.namedItem(name);
      if (!field) continue;
      if (field.type === "checkbox") field.checked = true;
      else field.value = value;
    }
    for (const row of entries.querySelectorAll(".entry-row")) rowState(row);
    scheduleSave();
  }

  function offerRestore() {
    if (form.dataset.bound) {
      keepLocally(); // a refused form came back with what was typed: nothing to restore
      return;
    }
    let saved = null;
    try {
      saved = JSON.parse(localStorage.getItem(storageKey) || "null");
    } catch (error) {
      saved = null;
    }
    if (!saved) return;
    if (saved.at <= serverSavedAt) {
      localStorage.removeItem(storageKey);
      return;
    }
    const banner = document.getElementById("restore-banner");
    banner.classList.remove("d-none");
    document.getElementById("restore-yes").addEventListener("click", () => {
      restore(saved);
      banner.classList.add("d-none");
    });
    document.getElementById("restore-no").addEventListener("click", () => {
      localStorage.removeItem(storageKey);
      banner.classList.add("d-none");
    });
  }

  // --- autosave -------------------------------------------------------------------------------
  async function save() {
    timer = null;
    if (!dirty) return;
    dirty = false;
    let response;
    try {
      response = await fetch(form.dataset.autosave, {
        method: "POST",
        // JSON (name → value; the form has no file): the server reads it far cheaper than a
        // form post. The CSRF token goes in the header, where Django looks for it then.
        body: JSON.stringify(Object.fromEntries(new FormData(form))),
        credentials: "same-origin",
        redirect: "manual",
        headers: {
          "Content-Type": "application/json",
          "X-CSRFToken": form.elements.csrfmiddlewaretoken.value,
          "X-Requested-With": "fetch",
        },
      });
    } catch (error) {
      status.textContent = msg.msgOffline;
      return;
    }
    if (response.status === 401 || response.status === 403 || response.type === "opaqueredirect") {
      status.textContent = msg.msgLogin;
      return;
    }
    const answer = await response.json().catch(() => ({ saved: false }));
    if (response.status === 409) {
      status.textContent = answer.reason === "stale" ? msg.msgStale : msg.msgLocked;
      return;
    }
    if (answer.saved) {
      document.getElementById("version").value = answer.version;
      status.textContent = `${msg.msgSaved} ${answer.at}`;
      localStorage.removeItem(storageKey);
    } else {
      status.textContent = msg.msgInvalid;
    }
  }

  function scheduleSave() {
    dirty = true;
    keepLocally();
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, 1500);
  }

  // --- events ---------------------------------------------------------------------------------
  document.getElementById("add-line").addEventListener("click", () => {
    const row = addRow();
    row.querySelector(".entry-kind").focus();
  });

  entries.addEventListener("change", (event) => {
    const row = event.target.closest(".entry-row");
    if (row) rowState(row);
  });

  entries.addEventListener("input", (event) => {
    if (event.target.classList.contains("person-name")) {
      const row = event.target.closest(".entry-row");
      row.querySelector(".person-id").value = "";
      rowState(row);
    }
  });

  entries.addEventListener("click", (event) => {
    const button = event.target.closest(".pick-person");
    if (!button) return;
    const row = button.closest(".entry-row");
    row.querySelector(".person-id").value = button.dataset.person;
    row.querySelector(".person-name").value = button.dataset.name;
    row.querySelector(".person-year").value = button.dataset.year;
    row.querySelector(".person-position").value = button.dataset.position;
    row.querySelector(".people-results").innerHTML = "";
    rowState(row);
    row.querySelector(".entry-award").dispatchEvent(new Event("change", { bubbles: true }));
    scheduleSave();
  });

  form.addEventListener("input", scheduleSave);
  form.addEventListener("change", scheduleSave);
  form.addEventListener("submit", () => {
    if (timer) clearTimeout(timer);
    keepLocally();
  });

  for (const row of entries.querySelectorAll(".entry-row")) rowState(row);
  if (!entries.querySelector(".entry-row")) addRow();
  offerRestore();
})();

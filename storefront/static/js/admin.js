// Admin enhancements; every admin page works without them.
(() => {
  "use strict";

  // Show only the fieldsets that fit the chosen benefit type and trigger.
  function syncVisibility(form) {
    form.querySelectorAll("[data-show-when]").forEach((block) => {
      const [name, values] = block.dataset.showWhen.split("=");
      const control = form.elements[name];
      if (!control) return;
      block.hidden = !values.split(" ").includes(control.value);
    });
  }

  // Field messages and the plain-language summary, refreshed as the merchant types.
  function liveCheck(form) {
    const url = form.dataset.checkUrl;
    const summary = form.querySelector("[data-summary]");
    let timer = null;
    const run = async () => {
      const response = await fetch(url, { method: "POST", body: new FormData(form), headers: { Accept: "application/json" } });
      if (!response.ok) return;
      const result = await response.json();
      form.querySelectorAll(".field-error[data-live]").forEach((node) => node.remove());
      form.querySelectorAll(".form-row.has-error[data-live-error]").forEach((row) => {
        row.classList.remove("has-error");
        delete row.dataset.liveError;
      });
      Object.entries(result.errors || {}).forEach(([name, messages]) => {
        const field = form.elements[name];
        const input = field && (field.length && !field.tagName ? field[0] : field);
        const row = input && input.closest(".form-row");
        if (!row) return;
        row.classList.add("has-error");
        row.dataset.liveError = "1";
        messages.forEach((message) => {
          const note = document.createElement("p");
          note.className = "field-error";
          note.dataset.live = "1";
          note.textContent = message;
          row.appendChild(note);
        });
      });
      if (summary && result.summary) summary.textContent = result.summary;
    };
    form.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(run, 500);
    });
    form.addEventListener("change", () => {
      clearTimeout(timer);
      timer = setTimeout(run, 200);
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("form.promotion-form").forEach((form) => {
      syncVisibility(form);
      form.addEventListener("change", () => syncVisibility(form));
      if (form.dataset.checkUrl) liveCheck(form);
    });

    // Sample cart: add the picked product as "SKU 1".
    document.querySelectorAll("[data-preview-add]").forEach((button) => {
      button.addEventListener("click", () => {
        const form = button.form;
        const sku = form.querySelector("[data-preview-product]").value;
        const sample = form.elements.sample;
        if (!sku || !sample) return;
        sample.value = (sample.value.trim() ? sample.value.trim() + "\n" : "") + sku + " 1";
      });
    });

    // Large code batches take a moment: say so while the download is prepared.
    document.querySelectorAll("form[data-progress]").forEach((form) => {
      form.addEventListener("submit", () => {
        const note = form.querySelector("[data-progress-note]");
        const button = form.querySelector("button[type=submit]");
        if (note) {
          note.textContent = form.dataset.progress;
          note.hidden = false;
        }
        if (button) button.setAttribute("aria-busy", "true");
        setTimeout(() => {
          if (note) note.hidden = true;
          if (button) button.removeAttribute("aria-busy");
        }, 8000);
      });
    });

    document.querySelectorAll("form[data-confirm]").forEach((form) => {
      form.addEventListener("submit", (event) => {
        if (!window.confirm(form.dataset.confirm)) event.preventDefault();
      });
    });
  });
})();

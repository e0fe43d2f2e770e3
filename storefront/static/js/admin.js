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

    // A background job's page: poll its JSON and move the bar until the job ends.
    document.querySelectorAll("[data-job-status]").forEach((box) => {
      const bar = box.querySelector("[data-job-bar]");
      const text = box.querySelector("[data-job-text]");
      const download = box.querySelector("[data-job-download]");
      const show = (job) => {
        bar.value = job.percent;
        bar.textContent = job.percent + "%";
        if (job.status === "done") text.textContent = job.result;
        else if (job.status === "failed") text.textContent = "Failed: " + job.error;
        else if (job.status === "running") {
          text.textContent = job.done.toLocaleString("en-US") + " of " + job.total.toLocaleString("en-US") +
            " done (" + job.percent + "%)";
        }
        if (job.download_url) {
          download.querySelector("a").href = job.download_url;
          download.hidden = false;
        }
      };
      const poll = () => {
        fetch(box.dataset.jobStatus, { headers: { Accept: "application/json" }, credentials: "same-origin" })
          .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
          .then((job) => {
            show(job);
            if (!job.finished) setTimeout(poll, 500);
          })
          .catch(() => setTimeout(poll, 2000));
      };
      poll();
    });

    document.querySelectorAll("form[data-confirm]").forEach((form) => {
      form.addEventListener("submit", (event) => {
        if (!window.confirm(form.dataset.confirm)) event.preventDefault();
      });
    });
  });
})();

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

  // A multi-select with many options becomes a search box, a short list of matches and
  // chips for what is chosen. The <select> stays in the form (hidden) as the value.
  const MAX_MATCHES = 30;
  let pickerCount = 0;

  function enhancePicker(select) {
    pickerCount += 1;
    const label = document.querySelector(`label[for="${select.id}"]`);
    const name = label ? label.textContent.trim() : select.name;
    const wrap = document.createElement("div");
    wrap.className = "picker";
    const chips = document.createElement("ul");
    chips.className = "picker-chips";
    chips.setAttribute("aria-label", `Chosen: ${name}`);
    const input = document.createElement("input");
    input.type = "text";
    input.id = `${select.id}-search`;
    input.className = "picker-search";
    input.placeholder = "Type to search";
    input.autocomplete = "off";
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    const list = document.createElement("ul");
    list.id = `picker-list-${pickerCount}`;
    list.className = "picker-options";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", `Matching ${name}`);
    list.hidden = true;
    input.setAttribute("aria-controls", list.id);
    if (label) label.htmlFor = input.id;
    const describedBy = select.getAttribute("aria-describedby");
    if (describedBy) input.setAttribute("aria-describedby", describedBy);
    wrap.append(chips, input, list);
    select.hidden = true;
    select.after(wrap);

    let active = -1;
    const options = () => Array.from(select.options);
    const changed = () => select.dispatchEvent(new Event("change", { bubbles: true }));

    function drawChips() {
      chips.replaceChildren(...options().filter((o) => o.selected).map((option) => {
        const chip = document.createElement("li");
        chip.className = "picker-chip";
        chip.dataset.value = option.value;
        chip.append(option.textContent + " ");
        const remove = document.createElement("button");
        remove.type = "button";
        remove.textContent = "×";
        remove.setAttribute("aria-label", `Remove ${option.textContent}`);
        remove.addEventListener("click", () => {
          option.selected = false;
          drawChips();
          drawList();
          changed();
          input.focus();
        });
        chip.append(remove);
        return chip;
      }));
    }

    function choose(option) {
      option.selected = true;
      input.value = "";
      drawChips();
      close();
      changed();
    }

    function close() {
      list.hidden = true;
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function drawList() {
      const query = input.value.trim().toLowerCase();
      const matches = options()
        .filter((o) => !o.selected && o.textContent.toLowerCase().includes(query))
        .slice(0, MAX_MATCHES);
      list.replaceChildren(...matches.map((option, index) => {
        const item = document.createElement("li");
        item.id = `${list.id}-${index}`;
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", index === active ? "true" : "false");
        item.textContent = option.textContent;
        item.addEventListener("mousedown", (event) => event.preventDefault());
        item.addEventListener("click", () => choose(option));
        return item;
      }));
      if (!matches.length) {
        const none = document.createElement("li");
        none.className = "picker-none";
        none.textContent = query ? `No match for “${input.value.trim()}”` : "Everything is chosen";
        list.replaceChildren(none);
      }
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      if (active >= 0 && matches[active]) input.setAttribute("aria-activedescendant", `${list.id}-${active}`);
      else input.removeAttribute("aria-activedescendant");
      return matches;
    }

    input.addEventListener("input", () => {
      active = -1;
      drawList();
    });
    input.addEventListener("focus", drawList);
    input.addEventListener("blur", close);
    input.addEventListener("keydown", (event) => {
      if (event.key === "Escape") return close();
      if (!["ArrowDown", "ArrowUp", "Enter"].includes(event.key)) return;
      event.preventDefault();
      const matches = options()
        .filter((o) => !o.selected && o.textContent.toLowerCase().includes(input.value.trim().toLowerCase()))
        .slice(0, MAX_MATCHES);
      if (event.key === "Enter") {
        const pick = matches[active] || (matches.length === 1 ? matches[0] : null);
        if (pick) choose(pick);
        return;
      }
      const step = event.key === "ArrowDown" ? 1 : -1;
      active = Math.max(0, Math.min(matches.length - 1, active + step));
      drawList();
    });
    drawChips();
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
    document.querySelectorAll("select[multiple][data-picker]").forEach(enhancePicker);
    document.querySelectorAll("[data-no-js]").forEach((node) => {
      node.hidden = true;
    });
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

// Small progressive enhancements; every page works without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  // Menu buttons: on narrow screens the menu they control starts folded (CSS hides
  // `.is-collapsed` only below the breakpoint); without JavaScript the menu simply shows.
  document.querySelectorAll("[data-collapse-toggle]").forEach((button) => {
    const target = document.getElementById(button.getAttribute("aria-controls"));
    if (!target) return;
    const show = (open) => {
      button.setAttribute("aria-expanded", String(open));
      target.classList.toggle("is-collapsed", !open);
    };
    show(false);
    button.hidden = false;
    button.addEventListener("click", () => show(button.getAttribute("aria-expanded") !== "true"));
  });
  // Submit a quantity change when the shopper leaves the field.
  document.querySelectorAll(".qty-form input[name=quantity]").forEach((input) => {
    input.addEventListener("change", () => input.form.requestSubmit());
  });
  // Copy-link buttons (article share links).
  document.querySelectorAll("[data-copy-link]").forEach((button) => {
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(button.dataset.copyLink);
        button.textContent = "Link copied";
      } catch (err) {
        window.prompt("Copy this link:", button.dataset.copyLink);
      }
    });
  });
});

// Small progressive enhancements; every page works without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
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

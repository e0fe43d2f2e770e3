// Checkout: a second click on "Place order" does nothing (the server is idempotent anyway).
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("form[data-once]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (form.dataset.submitted) {
        event.preventDefault();
        return;
      }
      form.dataset.submitted = "1";
      form.querySelectorAll("button[type=submit]").forEach((button) => {
        button.setAttribute("aria-busy", "true");
        button.textContent = "Placing your order…";
      });
    });
  });
});

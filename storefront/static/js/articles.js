// Article rating without a page reload; without JavaScript the same form posts normally.
document.addEventListener("DOMContentLoaded", () => {
  const STAR_ROW_WIDTH = 120;

  document.querySelectorAll("form.rate-form[data-rating-api]").forEach((form) => {
    const section = form.closest(".article-rating") || document;
    const text = section.querySelector("[data-rating-text]");
    const clip = section.querySelector("[data-stars-clip]");
    const svg = section.querySelector("[data-stars]");
    const status = form.querySelector("[data-rating-status]");
    const buttons = Array.from(form.querySelectorAll("button[name=stars]"));

    form.addEventListener("submit", async (event) => {
      const button = event.submitter;
      if (!button || button.name !== "stars") return;
      event.preventDefault();
      const stars = Number(button.value);
      buttons.forEach((b) => { b.disabled = true; });
      try {
        const response = await fetch(form.dataset.ratingApi, {
          method: "POST",
          credentials: "same-origin",
          headers: { "Content-Type": "application/json", Accept: "application/json" },
          body: JSON.stringify({ stars }),
        });
        const body = await response.json();
        if (!response.ok) {
          status.textContent = (body.error && body.error.message) || "Sorry, your vote was not recorded.";
          return;
        }
        text.textContent = `(${body.text})`;
        const average = Number(body.average);
        clip.setAttribute("width", ((average / 5) * STAR_ROW_WIDTH).toFixed(1));
        svg.setAttribute("aria-label", `Rated ${average.toFixed(2)} out of 5`);
        buttons.forEach((b) => {
          const value = Number(b.value);
          b.classList.toggle("chosen", value <= stars);
          b.setAttribute("aria-pressed", value === stars ? "true" : "false");
        });
        status.textContent = `Thank you for rating this article ${stars} out of 5.`;
      } catch (err) {
        // Network trouble: fall back to the ordinary form post (submit() skips this handler).
        const hidden = document.createElement("input");
        hidden.type = "hidden";
        hidden.name = "stars";
        hidden.value = String(stars);
        form.appendChild(hidden);
        form.submit();
      } finally {
        buttons.forEach((b) => { b.disabled = false; });
      }
    });
  });
});

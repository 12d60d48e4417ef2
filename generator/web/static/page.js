// The page works as a plain form; this makes it live: every change asks the
// server for the page again and swaps the result in, keeping the focus and
// putting the share link in the address bar.
"use strict";

(() => {
  let pending = null;

  async function show(url, scroll) {
    if (pending) pending.abort();
    const controller = new AbortController();
    pending = controller;
    document.body.classList.add("busy");
    try {
      const response = await fetch(url, { headers: { Accept: "text/html" }, signal: controller.signal });
      const html = await response.text();
      const fresh = new DOMParser().parseFromString(html, "text/html").getElementById("main");
      if (!fresh) throw new Error(`the server answered ${response.status}`);
      const focusId = document.activeElement?.id;  // where the user is now, after a Tab too
      for (const opened of document.querySelectorAll("details[open][id]")) {
        fresh.querySelector(`#${opened.id}`)?.setAttribute("open", "");
      }
      document.getElementById("main").replaceWith(fresh);
      if (fresh.dataset.share) history.replaceState(null, "", fresh.dataset.share);
      enhance();
      if (focusId) document.getElementById(focusId)?.focus();
      if (scroll) document.getElementById("preview")?.scrollIntoView({ block: "nearest" });
    } catch (error) {
      if (error.name !== "AbortError") {
        const result = document.getElementById("result");
        result.replaceChildren(Object.assign(document.createElement("p"), {
          className: "error", role: "alert", textContent: `Could not update: ${error.message}`,
        }));
      }
    } finally {
      if (pending === controller) {
        pending = null;
        document.body.classList.remove("busy");
      }
    }
  }

  function formUrl(form) {
    return "/?" + new URLSearchParams(new FormData(form)).toString();
  }

  function enhance() {
    const copy = document.getElementById("copy");
    if (copy && navigator.clipboard) {
      copy.hidden = false;
      copy.addEventListener("click", () => {
        navigator.clipboard.writeText(document.getElementById("command").value);
        copy.textContent = "Copied";
      });
    }
  }

  document.addEventListener("change", (event) => {
    const form = event.target.form;
    if (!form || form.id !== "starter") return;
    if (event.target.name === "framework") {
      // Another framework has templates, extensions and choices of its own:
      // start from its defaults, keeping only the project's name.
      const name = form.elements.project_name?.value ?? "";
      const query = new URLSearchParams({ framework: event.target.value, project_name: name });
      show("/?" + query.toString(), false);
      return;
    }
    show(formUrl(form), false);
  });

  document.addEventListener("submit", (event) => {
    if (event.target.id !== "starter") return;
    event.preventDefault();
    show(formUrl(event.target), false);
  });

  document.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-file]");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    show(link.href, true);
  });

  enhance();
})();

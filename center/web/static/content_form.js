// List fields of the content form (tasks, tools, cue words): add and remove entries.
// Served as a file because the pages' Content-Security-Policy allows no inline script.
"use strict";
document.addEventListener("click", (event) => {
  const button = event.target.closest("button.add-entry, button.remove-entry");
  if (!button) return;
  const list = button.closest(".entries");
  if (button.classList.contains("remove-entry")) {
    const entries = list.querySelectorAll(".entry");
    if (entries.length > 1) {
      button.closest(".entry").remove();
    } else {
      entries[0].querySelector("input").value = "";  // the last row stays, empty
    }
    return;
  }
  const entry = list.querySelector(".entry").cloneNode(true);
  const input = entry.querySelector("input");
  const number = list.querySelectorAll(".entry").length + 1;
  input.value = "";
  input.removeAttribute("aria-invalid");
  input.removeAttribute("aria-describedby");
  input.setAttribute("aria-label", `${list.dataset.label}, Eintrag ${number}`);
  entry.querySelector("button").setAttribute("aria-label", `${list.dataset.label}, Eintrag ${number} entfernen`);
  list.insertBefore(entry, button);
  input.focus();
});

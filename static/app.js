// agentdex: small progressive enhancements; every page works without this file.
"use strict";

// "Copy the file": puts the agent file's exact text (kept in a JSON block, so line endings
// survive) on the clipboard.
function setUpCopyButton() {
  const button = document.querySelector("[data-copy-raw]");
  const data = document.getElementById("raw-file");
  if (!button || !data || !navigator.clipboard) return;
  const status = document.querySelector(".copy-status");
  const text = JSON.parse(data.textContent);
  let timer;
  button.hidden = false;
  button.addEventListener("click", async () => {
    let message;
    try {
      await navigator.clipboard.writeText(text);
      message = "Copied to the clipboard.";
    } catch {
      message = "Copying is not allowed here; use the download link.";
    }
    if (!status) return;
    status.textContent = message;
    clearTimeout(timer);
    timer = setTimeout(() => { status.textContent = ""; }, 4000);
  });
}

// Index filter: hides the cards whose text does not contain every word typed.
function setUpFilter() {
  const box = document.querySelector("[data-filter]");
  if (!box) return;
  const input = box.querySelector("input");
  const status = box.querySelector(".filter-status");
  const items = [...document.querySelectorAll("[data-filter-item]")];
  const groups = [...document.querySelectorAll("[data-filter-group]")];
  const empty = document.querySelector("[data-filter-empty]");
  const texts = items.map((item) => item.textContent.toLowerCase());
  box.hidden = false;
  input.addEventListener("input", () => {
    const words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    items.forEach((item, i) => {
      const match = words.every((word) => texts[i].includes(word));
      item.hidden = !match;
      if (match) shown += 1;
    });
    groups.forEach((group) => {
      group.hidden = !group.querySelector("[data-filter-item]:not([hidden])");
    });
    if (empty) empty.hidden = shown > 0;
    status.textContent = words.length ? `${shown} of ${items.length} agents shown` : "";
  });
}

document.addEventListener("DOMContentLoaded", () => {
  setUpCopyButton();
  setUpFilter();
});

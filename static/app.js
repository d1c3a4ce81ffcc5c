// agentdex: small progressive enhancements; every page works without this file.
"use strict";

// "Copy the file": puts the agent file's exact text (kept in a JSON block, so line endings
// survive) on the clipboard.
function setUpCopyButton() {
  const button = document.querySelector("[data-copy-raw]");
  const data = document.getElementById("raw-file");
  if (!button || !data) return;
  const status = document.querySelector(".copy-status");
  const text = JSON.parse(data.textContent);
  button.hidden = false;
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(text);
      if (status) status.textContent = "Copied.";
    } catch {
      if (status) status.textContent = "Copying is not allowed here; use the download link.";
    }
  });
}

document.addEventListener("DOMContentLoaded", setUpCopyButton);

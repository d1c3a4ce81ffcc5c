// agentdex: applies the reader's saved light or dark choice before the page is painted, so that
// it never flashes in the other theme. Loaded in <head> without `defer`; app.js has the toggle.
"use strict";
try {
  const saved = localStorage.getItem("agentdex-theme");
  if (saved === "dark" || saved === "light") document.documentElement.dataset.theme = saved;
} catch {
  // Storage can be disabled; the page then follows the system setting.
}

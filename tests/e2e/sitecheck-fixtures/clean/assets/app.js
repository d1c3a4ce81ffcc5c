// Builds the compare link in script, as the catalogue's own navigation may be.
const nav = document.querySelector("[data-nav]");
const link = document.createElement("a");
link.href = "compare/x";
link.textContent = "Compare x";
nav.append(link);

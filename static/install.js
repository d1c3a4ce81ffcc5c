// agentdex: the Install section of an agent page. The page holds, per harness, only what its
// file does not share with the raw file (render: src/site/install.rs): the pieces of a head
// and a tail, and where the agent's body starts in the raw file the page shows; or the whole text,
// where the body cannot stand verbatim. This rebuilds the picked harness's file from them, shows
// it, and copies or downloads it, and remembers the harness picked for the next agent page.
// Without this script the radio buttons still switch the panels (CSS) and the file as written is
// a download link.
"use strict";

(function setUpInstall() {
  const section = document.querySelector(".install-section");
  const data = document.getElementById("install-data");
  if (!section || !data) return;
  const install = JSON.parse(data.textContent);
  const radios = Array.from(section.querySelectorAll('input[name="install-harness"]'));
  const download = section.querySelector("[data-install-download]");
  const downloadName = section.querySelector("[data-install-name]");
  const copy = section.querySelector("[data-install-copy]");
  const status = section.querySelector(".install-status");
  const view = document.getElementById("install-file");
  const rawUrl = download.getAttribute("href");
  let blobUrl = null;
  let timer;

  const pieces = (ids) => ids.map((i) => install.pieces[i]).join("");
  // The raw file's exact text (`fetchText` and `copyText` are app.js's, loaded first).
  const rawText = () => fetchText(rawUrl);

  async function fileText(file) {
    if (file === "raw") return rawText();
    if (file.whole) return pieces(file.whole);
    const { head, body, tail } = file.splice;
    return pieces(head) + (await rawText()).slice(body) + pieces(tail);
  }

  function say(message) {
    status.textContent = message;
    clearTimeout(timer);
    timer = setTimeout(() => { status.textContent = ""; }, 4000);
  }

  function picked() {
    const index = Math.max(0, radios.findIndex((r) => r.checked));
    const panel = section.querySelectorAll(".install-panel")[index];
    const name = panel.querySelector(".install-name").textContent;
    return { file: install.files[index], name, panel };
  }

  const command = section.querySelector("[data-install-command]");
  const userCommand = section.querySelector("[data-install-user-command]");

  async function show() {
    const { file, name, panel } = picked();
    // The line that moves the downloaded file into each of the panel's two folders, as the page
    // writes it for the first harness (render: src/site/install.rs, `choice`).
    const [folder, userFolder] = Array.from(panel.querySelectorAll(".install-folder"), (c) => c.textContent);
    const move = (into) => `mkdir -p ${into} && mv ~/Downloads/${name} ${into}/`;
    command.textContent = move(folder);
    userCommand.textContent = move(userFolder);
    const text = await fileText(file);
    view.textContent = text;
    view.parentElement.hidden = false;
    if (blobUrl) URL.revokeObjectURL(blobUrl);
    blobUrl = null;
    if (file === "raw") {
      download.href = rawUrl;
    } else {
      blobUrl = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
      download.href = blobUrl;
    }
    download.download = name;
    downloadName.textContent = name;
    download.hidden = false;
  }

  // The harness the visitor picked last, on any agent page, is picked again: they use one tool.
  const HARNESS_KEY = "agentdex-harness";
  try {
    const saved = radios.find((r) => r.value === localStorage.getItem(HARNESS_KEY));
    if (saved) saved.checked = true;
  } catch {
    // Storage is disabled: the page opens on the agent's own harness.
  }
  for (const radio of radios) {
    radio.addEventListener("change", () => {
      try {
        localStorage.setItem(HARNESS_KEY, radio.value);
      } catch {
        // Storage is disabled: the pick lasts for this page only.
      }
      show();
    });
  }
  show();
  section.classList.add("is-ready");

  async function copyAndSay(text, done) {
    try {
      await copyText(text);
      say(done);
    } catch {
      say("Copying is not allowed here; select the text or use the download link.");
    }
  }

  if (!navigator.clipboard) return;
  copy.hidden = false;
  copy.addEventListener("click", () => {
    const { file, name } = picked();
    copyAndSay(fileText(file), `Copied ${name} to the clipboard.`);
  });
  for (const button of section.querySelectorAll("[data-install-copy-command]")) {
    button.hidden = false;
    const command = button.previousElementSibling;
    button.addEventListener("click", () => copyAndSay(command.textContent, "Copied the command."));
  }
})();

// The Install section of an agent page in Chromium: for every harness, picked with the keyboard,
// the Copy button puts on the clipboard, and the Download button saves, exactly the bytes
// `agentdex convert` writes for that harness, under the same file name; without JavaScript the
// Claude Code file is still a download link and the radio buttons still switch the panels.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { BIN, REPO, finish, openPage, startSite } from "./helpers.js";

const HARNESSES = [
  ["claude-code", ".claude/agents", ".md"],
  ["copilot", ".github/agents", ".agent.md"],
  ["opencode", ".opencode/agents", ".md"],
  ["gemini-cli", ".gemini/agents", ".md"],
  ["codex", ".codex/agents", ".toml"],
  ["cursor", ".cursor/agents", ".md"],
  ["factory", ".factory/droids", ".md"],
];

/// What `agentdex convert` writes for the seed, per harness: the file name and its bytes.
function converted(seed) {
  const out = mkdtempSync(join(tmpdir(), "agentdex-convert-"));
  const files = {};
  for (const [id, folder, suffix] of HARNESSES) {
    execFileSync(BIN, ["convert", join(REPO, "agents", `${seed}.md`), "--to", id, "--out", out], {
      stdio: ["ignore", "ignore", "ignore"],
    });
    const name = `${seed}${suffix}`;
    files[id] = { name, bytes: readFileSync(join(out, folder, name)) };
  }
  rmSync(out, { recursive: true, force: true });
  return files;
}

for (const seed of ["backend-engineer-senior", "backend-reliability-engineer"]) {
  test(`every harness's file of ${seed} is copied and downloaded as convert writes it`, async () => {
    const expected = converted(seed);
    const { server, browser, close } = await startSite();
    try {
      const opened = await openPage(browser, server.url(`agents/${seed}.html`));
      const { page } = opened;
      await page.waitForSelector("[data-install-copy]:not([hidden])");
      // Keyboard: the first radio takes the focus, arrow keys move the choice.
      await page.focus('input[name="install-harness"]:checked');
      for (const [index, [id]] of HARNESSES.entries()) {
        if (index > 0) await page.keyboard.press("ArrowRight");
        assert.equal(await page.$eval('input[name="install-harness"]:checked', (r) => r.value), id);
        const panel = page.locator(`.install-panel[data-harness="${id}"]`);
        assert.ok(await panel.isVisible(), `${id}: its panel shows`);
        const { name, bytes } = expected[id];
        assert.equal(await panel.locator(".install-name").textContent(), name);

        // The shown file is rebuilt once the raw file is fetched.
        await page.waitForFunction(
          (t) => document.getElementById("install-file").textContent === t, bytes.toString("utf8"));
        await page.click("[data-install-copy]");
        await page.waitForFunction(
          (n) => document.querySelector(".install-status").textContent.includes(n), name);
        const copied = await page.evaluate(() => navigator.clipboard.readText());
        assert.equal(copied, bytes.toString("utf8"), `${id}: the copied text`);

        const [download] = await Promise.all([
          page.waitForEvent("download"),
          page.click("[data-install-download]"),
        ]);
        assert.equal(download.suggestedFilename(), name, `${id}: the file name`);
        const saved = readFileSync(await download.path());
        assert.ok(saved.equals(bytes), `${id}: the downloaded bytes`);
        const [, folder] = HARNESSES[index];
        assert.equal(
          await page.textContent("[data-install-command]"),
          `mkdir -p ${folder} && mv ~/Downloads/${name} ${folder}/`,
        );
        // Back to the radio group for the next arrow key.
        await page.focus('input[name="install-harness"]:checked');
      }
      await finish(opened);
    } finally {
      await close();
    }
  });
}

test("without JavaScript the Claude Code file downloads and the panels still switch", async () => {
  const { server, browser, close } = await startSite();
  try {
    const seed = "backend-engineer-senior";
    const opened = await openPage(browser, server.url(`agents/${seed}.html`), { javaScript: false });
    const { page } = opened;
    const link = page.locator("[data-install-download]");
    assert.ok(await link.isVisible());
    assert.equal(await link.getAttribute("download"), `${seed}.md`);
    assert.equal(await link.getAttribute("href"), `../raw/${seed}.md`);
    assert.ok(await page.locator('.install-panel[data-harness="claude-code"]').isVisible());
    await page.check('input[value="codex"]');
    assert.ok(await page.locator('.install-panel[data-harness="codex"]').isVisible());
    assert.ok(!(await page.locator('.install-panel[data-harness="claude-code"]').isVisible()));
    assert.ok(!(await link.isVisible()), "the raw file is not offered as the Codex file");
    assert.ok(!(await page.locator("[data-install-command]").isVisible()));
    await finish(opened);
  } finally {
    await close();
  }
});

test("a page opens on the agent's own harness, then on the harness the visitor picked last", async () => {
  // The same agents written for Copilot, Factory and Claude Code.
  const { site, server, browser, close } = await startSite({ agents: "tests/corpora/harness/mrwogu__promptscript" });
  try {
    const agents = site.agents();
    const copilot = agents.find((a) => a.harness === "copilot");
    const claude = agents.find((a) => a.harness === "claude-code");
    assert.ok(copilot && claude, "a Copilot agent and a Claude Code agent");
    const opened = await openPage(browser, server.url(copilot.url));
    const { page, context } = opened;
    await page.waitForSelector("[data-install-copy]:not([hidden])");
    const picked = (p) => p.$eval('input[name="install-harness"]:checked', (r) => r.value);
    assert.equal(await picked(page), "copilot");
    const download = page.locator("[data-install-download]");
    assert.ok((await download.getAttribute("href")).endsWith(copilot.raw_url), "the file as written");

    await page.check('input[value="codex"]');
    await page.waitForFunction(() =>
      document.querySelector("[data-install-download]").href.startsWith("blob:"));
    assert.ok((await download.getAttribute("download")).endsWith(".toml"));

    const next = await context.newPage();
    await next.goto(server.url(claude.url));
    await next.waitForSelector("[data-install-copy]:not([hidden])");
    assert.equal(await picked(next), "codex");
    assert.ok(await next.locator('.install-panel[data-harness="codex"]').isVisible());
    await finish(opened);
  } finally {
    await close();
  }
});

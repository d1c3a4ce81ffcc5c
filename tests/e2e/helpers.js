// Helpers for agentdex's browser tests: build a site with the release binary into a temporary
// folder, serve it over HTTP on 127.0.0.1 under a sub-path (as on GitHub Pages), and open it in
// Debian's Chromium through playwright-core.
//
//   const site = await buildSite({ agents: "agents" });      // site.dir, site.agents()
//   const server = await serve(site.dir);                       // server.url("index.html")
//   const browser = await launchBrowser();
//   const opened = await openPage(browser, server.url("index.html"));
//   ... opened.page ...
//   await finish(opened);       // fails on anything that went wrong, closes the context
//   await browser.close(); await server.close(); site.remove();
//
// Environment: AGENTDEX_BIN (default target/release/agentdex, built by scripts/test),
// GEN_CORPUS (default target/release/examples/gen-corpus, built by scripts/test), CHROMIUM
// (default /usr/bin/chromium).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, createReadStream } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const REPO = resolve(fileURLToPath(new URL("../..", import.meta.url)));
export const BASE = "/catalog/";

export const BIN = resolve(REPO, process.env.AGENTDEX_BIN || "target/release/agentdex");
const GEN_CORPUS = resolve(REPO, process.env.GEN_CORPUS || "target/release/examples/gen-corpus");

/// Makes `count` agent files from the vendored collections and the reference agents with the
/// project's generator (deterministic).
export function generateCorpus(count) {
  const dir = mkdtempSync(join(tmpdir(), "agentdex-corpus-"));
  execFileSync(GEN_CORPUS, [
    "--out", dir, "--count", String(count), join(REPO, "tests/corpora/claude-code"), join(REPO, "agents"),
  ], { stdio: "ignore" });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/// Builds the agents in `agents` (relative to the repository) into a temporary folder.
export function buildSite({ agents = "agents", args = [] } = {}) {
  const parent = mkdtempSync(join(tmpdir(), "agentdex-site-"));
  const dir = join(parent, "site");
  execFileSync(BIN, ["build", "--agents", resolve(REPO, agents), "--out", dir, ...args], {
    cwd: REPO,
    stdio: ["ignore", "ignore", "pipe"],
  });
  return {
    dir,
    /// The built catalogue's agents.json, parsed.
    agents: () => JSON.parse(readFileSync(join(dir, "agents.json"), "utf8")).agents,
    read: (relative) => readFileSync(join(dir, relative)),
    remove: () => rmSync(parent, { recursive: true, force: true }),
  };
}

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".md": "text/markdown; charset=utf-8",
  ".toml": "application/toml",
  ".svg": "image/svg+xml",
};

/// The failure lists of the browser contexts open now (`openContext`): every error answer of a
/// test server goes to each of them, which catches the requests the browser makes on its own
/// (the favicon of a page that names none, at the origin's root) that no Playwright event shows.
const openFailureLists = new Set();

/// Serves `dir` at http://127.0.0.1:<free port>/catalog/ like a static host: `x/` serves
/// `x/index.html`, `x` redirects to `x/`, anything outside the base path is a 404.
export async function serve(dir, base = BASE) {
  const root = resolve(dir);
  const server = createServer((request, response) => {
    response.on("finish", () => {
      if (response.statusCode < 400) return;
      const from = request.headers.referer ? ` (from ${request.headers.referer})` : "";
      for (const list of openFailureLists) {
        list.push(`server: ${response.statusCode} for ${request.method} ${request.url}${from}`);
      }
    });
    const path = decodeURIComponent(new URL(request.url, "http://localhost").pathname);
    if (!path.startsWith(base)) {
      response.writeHead(404).end();
      return;
    }
    let file = normalize(join(root, path.slice(base.length)));
    if (file !== root && !file.startsWith(root + sep)) {
      response.writeHead(404).end();
      return;
    }
    let stat;
    try {
      stat = statSync(file);
      if (stat.isDirectory()) {
        if (!path.endsWith("/")) {
          response.writeHead(301, { Location: `${path}/` }).end();
          return;
        }
        file = join(file, "index.html");
        stat = statSync(file);
      }
    } catch {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      "Content-Type": TYPES[extname(file)] || "application/octet-stream",
      "Content-Length": stat.size,
    });
    createReadStream(file).pipe(response);
  });
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    url: (relative = "") => `${origin}${base}${relative}`,
    close: () => new Promise((done) => server.close(done)),
  };
}

/// Debian's Chromium, headless; Playwright's own browser download is never used.
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--disable-sync",
    ],
  });
}

/// A new browser context (clipboard allowed) with one blank page, and `errors`: everything
/// that goes wrong in the context while it is open, on any of its pages, for any origin:
/// console errors (where it names one, with the URL it is about), uncaught exceptions, dialogs
/// (an `alert` that markup in an agent file managed to run), failed requests (not those the
/// browser cancels), answers of 400 and above, and error answers of the test servers (see
/// `serve`).
export async function openContext(browser, { viewport, colorScheme = "light", javaScript = true } = {}) {
  const context = await browser.newContext({
    viewport: viewport || { width: 1280, height: 900 },
    colorScheme,
    javaScriptEnabled: javaScript,
  });
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const errors = [];
  openFailureLists.add(errors);
  context.on("close", () => openFailureLists.delete(errors));
  context.on("console", (message) => {
    if (message.type() !== "error") return;
    const about = message.location()?.url;
    errors.push(`console: ${message.text()}${about ? ` (${about})` : ""}`);
  });
  context.on("weberror", (error) => errors.push(`exception: ${error.error().message}`));
  context.on("response", (response) => {
    if (response.status() >= 400) errors.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  context.on("requestfailed", (request) => {
    const reason = request.failure()?.errorText;
    // A request the browser cancels itself, as when a test moves to the next page before the
    // last one's favicon has arrived, is no fault of the site; a missing file is an HTTP error
    // answer, caught above.
    if (reason === "net::ERR_ABORTED") return;
    errors.push(`failed: ${request.url()} (${reason})`);
  });
  const page = await context.newPage();
  page.on("dialog", async (dialog) => {
    errors.push(`dialog: ${dialog.type()} ${dialog.message()}`);
    await dialog.dismiss();
  });
  return { page, context, errors };
}

/// Opens `url` in a new browser context (`openContext`).
export async function openPage(browser, url, options) {
  const opened = await openContext(browser, options);
  await opened.page.goto(url);
  return opened;
}

/// Waits until the network is idle, closes the context and fails on anything that went wrong
/// in it.
export async function finish({ page, context, errors }, message = "nothing went wrong") {
  await page.waitForLoadState("networkidle");
  await context.close();
  assert.deepEqual(errors, [], message);
}

/// Builds `agents` (as `buildSite`), serves the site and launches Chromium; `close()` stops
/// all three.
export async function startSite(options) {
  const site = buildSite(options);
  const server = await serve(site.dir);
  const browser = await launchBrowser();
  const close = async () => {
    await browser.close();
    await server.close();
    site.remove();
  };
  return { site, server, browser, close };
}

// The project's own site checker, sitecheck.js: its server answers as GitHub Pages does; the
// clean fixture passes all six checks on every page; the broken fixture fails exactly the
// (page, check) pairs that its pages declare in `<!-- expect CHECK: DETAIL -->` comments, each
// with that detail. Expected counts come from the fixtures' files, never from constants.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { resolveRequest, startServer } from "./sitecheck.js";

const HERE = fileURLToPath(new URL(".", import.meta.url));
const SITECHECK = join(HERE, "sitecheck.js");
const FIXTURES = join(HERE, "sitecheck-fixtures");
const CHECKS = ["links", "anchors", "html", "browser", "a11y", "meta"];

/// The HTML files of a fixture, as paths relative to it, sorted.
const htmlFiles = (fixture) =>
  readdirSync(join(FIXTURES, fixture), { recursive: true }).filter((name) => name.endsWith(".html")).sort();

/// Runs the checker on a fixture with --json (and --shots when asked) into a temporary folder;
/// its exit status, report lines, parsed results and the screenshots' sizes by file name.
function sitecheck(fixture, { shots = false, args = [] } = {}) {
  const out = mkdtempSync(join(tmpdir(), "sitecheck-test-"));
  const json = join(out, "result.json");
  const shotsDir = join(out, "shots");
  const extra = shots ? ["--shots", shotsDir] : [];
  const run = spawnSync(process.execPath, [SITECHECK, join(FIXTURES, fixture), "--json", json, ...extra, ...args], {
    encoding: "utf8",
  });
  try {
    return {
      status: run.status,
      report: `${run.stdout}${run.stderr}`,
      lines: run.stdout.trimEnd().split("\n"),
      result: existsSync(json) ? JSON.parse(readFileSync(json, "utf8")) : null,
      shots: shots ? Object.fromEntries(readdirSync(shotsDir).map((name) => [name, pngSize(join(shotsDir, name))])) : null,
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/// Width and height from a PNG's IHDR chunk.
function pngSize(file) {
  const bytes = readFileSync(file);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test("the server answers as GitHub Pages does under the base path", async () => {
  const parent = mkdtempSync(join(tmpdir(), "sitecheck-server-"));
  const root = join(parent, "site");
  mkdirSync(join(root, "dir"), { recursive: true });
  const files = {
    "index.html": "<p>index</p>", "dir/index.html": "<p>dir</p>", "x.html": "<p>x</p>",
    "404.html": "<p>not here</p>", "notes.md": "# Notes\n", "style.css": "p {}\n",
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, name), text);
  writeFileSync(join(parent, "secret.txt"), "outside the site\n");
  const server = await startServer(root, "/catalog/");
  const get = async (path, method = "GET") => {
    const response = await fetch(`${server.origin}${path}`, { method, redirect: "manual" });
    return { status: response.status, type: response.headers.get("content-type"),
      location: response.headers.get("location"), length: response.headers.get("content-length"), body: await response.text() };
  };
  try {
    const redirect = async (path) => {
      const { status, location } = await get(path);
      return { status, location };
    };
    assert.deepEqual(await redirect("/catalog"), { status: 301, location: "/catalog/" });
    assert.deepEqual(await redirect("/catalog/dir?q=1"), { status: 301, location: "/catalog/dir/?q=1" });
    assert.equal((await get("/catalog/")).body, files["index.html"]);
    assert.equal((await get("/catalog/dir/")).body, files["dir/index.html"]);
    assert.equal((await get("/catalog/x")).body, files["x.html"]);
    assert.equal((await get("/catalog/x.html")).type, "text/html; charset=utf-8");
    assert.equal((await get("/catalog/notes.md")).type, "text/markdown; charset=utf-8");
    assert.equal((await get("/catalog/style.css")).type, "text/css; charset=utf-8");
    assert.deepEqual(await get("/catalog/x", "HEAD"),
      { status: 200, type: "text/html; charset=utf-8", location: null, length: String(files["x.html"].length), body: "" });
    const missing = await get("/catalog/missing.html");
    assert.deepEqual([missing.status, missing.body], [404, files["404.html"]]);
    const outside = await get("/index.html");
    assert.equal(outside.status, 404);
    assert.notEqual(outside.body, files["404.html"]);
    // A fetch would collapse "%2e%2e" itself, so the path rule is asked directly.
    assert.equal(resolveRequest(root, "/catalog/", "/catalog/%2e%2e/secret.txt"), null);
  } finally {
    await server.close();
    rmSync(parent, { recursive: true, force: true });
  }
});

test("the clean fixture passes every check on every page, with screenshots", () => {
  const pages = htmlFiles("clean");
  const run = sitecheck("clean", { shots: true });
  assert.equal(run.status, 0, run.report);
  assert.equal(run.lines.at(-1), `sitecheck: ${pages.length * CHECKS.length} passed, 0 failed`);
  // Every page once, the one that only a script links to included.
  assert.deepEqual(run.result.pages.map((page) => page.page).sort(), pages);
  assert.ok(run.lines.some((line) => line.startsWith("note: ") && line.includes("https://example.com/badge.svg")), run.report);
  const desktop = { width: 1280, height: 900 };
  const mobile = { width: 390, height: 844 };
  assert.deepEqual(run.shots, Object.fromEntries(["index", "agent", "compare"].flatMap((name) => [
    [`${name}-desktop.png`, desktop], [`${name}-mobile.png`, mobile],
  ])));
});

test("the broken fixture fails exactly the checks its pages declare", () => {
  const pages = htmlFiles("broken");
  const expected = pages.flatMap((page) =>
    [...readFileSync(join(FIXTURES, "broken", page), "utf8").matchAll(/<!-- expect (\w+): (.+?) -->/g)]
      .map(([, check, detail]) => ({ page, check, detail })));
  assert.deepEqual([...new Set(expected.map((e) => e.check))].sort(), [...CHECKS].sort(), "the fixture fails every check");
  const pairs = [...new Set(expected.map((e) => `${e.page} ${e.check}`))].sort();

  const run = sitecheck("broken");
  assert.equal(run.status, 1, run.report);
  assert.deepEqual(run.result.pages.map((page) => page.page).sort(), pages);
  assert.deepEqual(run.result.failures.map((f) => `${f.page} ${f.check}`).sort(), pairs);
  for (const { page, check, detail } of expected) {
    const { details } = run.result.failures.find((f) => f.page === page && f.check === check);
    assert.ok(details.some((d) => d.includes(detail)), `${page} ${check}: "${detail}" in ${JSON.stringify(details)}`);
  }
  assert.equal(run.lines.filter((line) => line.startsWith("FAIL ")).length, pairs.length);
  assert.equal(run.lines.at(-1), `sitecheck: ${pages.length * CHECKS.length - pairs.length} passed, ${pairs.length} failed`);
});

test("--max-pages stops the crawl after that many pages", () => {
  const run = sitecheck("clean", { args: ["--max-pages", "1"] });
  assert.equal(run.status, 0, run.report);
  assert.deepEqual(run.result.pages.map((page) => page.page), ["index.html"]);
  assert.ok(run.lines.some((line) => line.includes("(stopped at --max-pages 1)")), run.report);
  assert.equal(run.lines.at(-1), `sitecheck: ${CHECKS.length} passed, 0 failed`);
});

test("a usage error exits 2 with the usage", () => {
  const run = spawnSync(process.execPath, [SITECHECK, "--max-pages", "0", FIXTURES], { encoding: "utf8" });
  assert.equal(run.status, 2);
  assert.match(run.stderr, /--max-pages needs a positive whole number\nusage: sitecheck SITE_DIR/);
});

#!/usr/bin/env node
// sitecheck: checks a built static site as GitHub Pages would serve it under a sub-path.
//
//   node tests/e2e/sitecheck.js SITE_DIR [--base /catalog/] [--shots OUT_DIR] [--max-pages N] [--json FILE]
//
// It serves SITE_DIR on 127.0.0.1 (a free port) under the base path, crawls it from the base
// URL in Debian's headless Chromium (driven by playwright-core) and gives every crawled HTML
// page six checks: links (same-origin URLs answer 200 and stay inside the base), anchors
// (#fragments exist), html (the Nu HTML Checker, errors only), browser (console errors,
// uncaught exceptions, failed or >= 400 requests), a11y (axe-core, serious and critical) and
// meta (title, lang, viewport). Requests to other origins are blocked and only noted.
//
// Exit status: 0 when every check passed, 1 when one failed, 2 on a usage or internal error.
// A finished run always ends with `sitecheck: N passed, M failed`, where N + M = pages x 6.
// Environment: SITECHECK_CHROMIUM (default /usr/bin/chromium); Java is the system `java`.
//
// An ES module like the rest of tests/e2e (its package.json says "type": "module"); it exports
// its server so that sitecheck.test.js can check the GitHub Pages rules on their own.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, realpathSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { dirname, extname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const CHECKS = ["links", "anchors", "html", "browser", "a11y", "meta"];
const USAGE = "usage: sitecheck SITE_DIR [--base /catalog/] [--shots OUT_DIR] [--max-pages N] [--json FILE]";
const SHOWN_DETAILS = 6;
// Pages loading at once, all in one browser context: a context per page in flight measured at
// about 1.5 times the CPU. Three keep two cores busy while one page waits on its network.
const TABS = 3;
// Link targets are probed with HEAD requests, this many at once (a big index links thousands).
const PROBES = 16;
// A page is done when none of its requests has been in flight for QUIET_MS after the load
// event: the favicon and script-made requests come after it. Never wait more than SETTLE_MS.
const QUIET_MS = 150;
const SETTLE_MS = 3000;
const LOAD_TIMEOUT_MS = 30000;
const DESKTOP = { viewport: { width: 1280, height: 900 } };
const MOBILE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];
// What GitHub Pages sends for the files a catalogue has.
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".ico": "image/x-icon",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".woff2": "font/woff2",
};
// The elements whose URL the links check follows, and the attribute that holds it.
const LINKING = {
  a: "href", area: "href", link: "href",
  script: "src", img: "src", iframe: "src", source: "src", video: "src", audio: "src",
};

/// A mistake on the command line: reported with the usage text, exit status 2.
class UsageError extends Error {}

/// Reads the command line into { site, base, shots, maxPages, json }.
function parseArgs(argv) {
  const options = { site: null, base: "/catalog/", shots: null, maxPages: "300", json: null };
  const valued = { "--base": "base", "--shots": "shots", "--max-pages": "maxPages", "--json": "json" };
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    if (Object.hasOwn(valued, arg)) {
      if (index + 1 === argv.length) throw new UsageError(`${arg} needs a value`);
      options[valued[arg]] = argv[++index];
    } else if (arg.startsWith("-")) {
      throw new UsageError(`unknown option ${arg}`);
    } else if (options.site === null) {
      options.site = arg;
    } else {
      throw new UsageError(`unexpected argument ${arg}`);
    }
  }
  if (options.site === null) throw new UsageError("SITE_DIR is missing");
  if (!statOrNull(options.site)?.isDirectory()) throw new UsageError(`not a directory: ${options.site}`);
  if (!/^[1-9]\d*$/.test(options.maxPages)) throw new UsageError("--max-pages needs a positive whole number");
  const trimmed = options.base.replace(/^\/+|\/+$/g, "");
  return {
    ...options,
    // Real paths, so that the Nu HTML Checker's file URLs map back to the same names.
    site: realpathSync(options.site),
    base: trimmed ? `/${trimmed}/` : "/",
    maxPages: Number(options.maxPages),
  };
}

function statOrNull(path) {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

const isFile = (path) => statOrNull(path)?.isFile() === true;

/// Where a request path leads on GitHub Pages: { file } to serve, { redirect } to send, or
/// null for a 404. `pathname` is as it came, percent-encoded.
export function resolveRequest(root, base, pathname) {
  if (`${pathname}/` === base) return { redirect: base };
  if (!pathname.startsWith(base)) return null;
  let inside;
  try {
    inside = decodeURIComponent(pathname.slice(base.length));
  } catch {
    return null;
  }
  const file = join(root, inside);
  // join() has already collapsed any "..", so a path that left the folder shows here.
  if (file !== root && !file.startsWith(root + sep)) return null;
  const stat = statOrNull(file);
  if (stat?.isDirectory()) {
    if (!pathname.endsWith("/")) return { redirect: `${pathname}/` };
    const index = join(file, "index.html");
    return isFile(index) ? { file: index } : null;
  }
  if (stat?.isFile()) return { file };
  if (isFile(`${file}.html`)) return { file: `${file}.html` };
  return null;
}

/// Serves `root` on 127.0.0.1 at a free port under `base`, with GitHub Pages' rules; every
/// file answered with 200 goes into `served` (file -> size in bytes).
export async function startServer(root, base, served = new Map()) {
  const notFoundPage = join(root, "404.html");
  const server = createServer((request, response) => {
    const url = new URL(request.url, "http://localhost");
    const found = resolveRequest(root, base, url.pathname);
    const head = request.method === "HEAD";
    if (!head && request.method !== "GET") {
      response.writeHead(405, { Allow: "GET, HEAD" }).end();
    } else if (found?.redirect) {
      response.writeHead(301, { Location: found.redirect + url.search }).end();
    } else if (found) {
      const body = readFileSync(found.file);
      served.set(found.file, body.length);
      send(response, 200, TYPES[extname(found.file).toLowerCase()] || "application/octet-stream", body, head);
    } else if (url.pathname.startsWith(base) && isFile(notFoundPage)) {
      send(response, 404, TYPES[".html"], readFileSync(notFoundPage), head);
    } else {
      send(response, 404, TYPES[".txt"], Buffer.from(`not found: ${url.pathname}\n`), head);
    }
  });
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, close: () => new Promise((done) => server.close(done)) };
}

function send(response, status, type, body, head) {
  response.writeHead(status, { "Content-Type": type, "Content-Length": body.length });
  response.end(head ? undefined : body);
}

/// Runs `work(item, slot)` over `items`, at most `size` at once, each slot (0 .. size-1) doing
/// one item at a time; the results keep the order of the items.
async function inPool(items, size, work) {
  const results = new Array(items.length);
  let next = 0;
  const drain = async (slot) => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index], slot);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, (_, slot) => drain(slot)));
  return results;
}

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
const firstLine = (text) => String(text).split("\n")[0];

/// A browser context that blocks other origins (noting them in `blocked`) and tells each page
/// being loaded in it (`loading`: Page -> its record) what the context saw: console errors,
/// uncaught exceptions, failed and >= 400 responses. Listening on the context, not on each page,
/// also catches the favicon, prefetches and requests from frames, which Playwright assigns to
/// the top page; what it cannot assign to a page (a service worker's) goes to every page loading.
async function openContext(browser, origin, blocked, options) {
  const context = await browser.newContext(options);
  const loading = new Map();
  const recordsOf = (page) => (loading.has(page) ? [loading.get(page)] : page ? [] : [...loading.values()]);
  const pageOfRequest = (request) => {
    try {
      return request.frame().page();
    } catch {
      return null; // A service worker's request, or a navigation before its frame exists.
    }
  };
  const sameOrigin = (url) => url.startsWith(`${origin}/`);
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (sameOrigin(url)) return route.continue();
    blocked.add(url);
    return route.abort("blockedbyclient");
  });
  const onRequest = (event, handle) => context.on(event, (request) => {
    for (const record of recordsOf(pageOfRequest(request))) handle(record, request);
  });
  onRequest("request", (record, request) => {
    record.pending.add(request);
    record.lastActivity = Date.now();
  });
  const settle = (record, request) => {
    record.pending.delete(request);
    record.lastActivity = Date.now();
  };
  onRequest("requestfinished", settle);
  onRequest("requestfailed", (record, request) => {
    settle(record, request);
    const url = request.url();
    // Blocked requests to other origins are notes; a failure after a >= 400 is already told.
    if (!sameOrigin(url) || record.badResponses.has(url)) return;
    record.browser.push(`request failed: ${url.slice(origin.length)} (${request.failure()?.errorText})`);
  });
  context.on("response", (response) => {
    const url = response.url();
    if (!sameOrigin(url)) return;
    for (const record of recordsOf(pageOfRequest(response.request()))) {
      if (response.status() >= 400) {
        record.badResponses.add(url);
        record.browser.push(`HTTP ${response.status()}: ${url.slice(origin.length)}`);
      } else {
        record.loaded.add(new URL(url).pathname);
      }
    }
  });
  context.on("console", (message) => {
    // "Failed to load resource" repeats a failed request, which is reported with its URL.
    if (message.type() !== "error" || message.text().startsWith("Failed to load resource")) return;
    for (const record of recordsOf(message.page())) record.browser.push(`console: ${firstLine(message.text())}`);
  });
  context.on("weberror", (error) => {
    for (const record of recordsOf(error.page())) record.browser.push(`uncaught: ${firstLine(error.error().message)}`);
  });
  return { context, loading };
}

/// A record for the page at `target` ({ file, url }), filled in while it loads and is read.
function newRecord(target, env) {
  return {
    page: relative(env.site, target.file), file: target.file, url: target.url,
    links: [], ids: new Set(), title: "", lang: "", viewports: [], axe: [],
    browser: [], badResponses: new Set(), loaded: new Set(), pending: new Set(), lastActivity: 0,
  };
}

/// Opens `record`'s page in `browsing`, waits for the load event and then for the network to
/// go quiet, and resolves to what `read(page)` gives before the page is closed again.
async function withPage(browsing, record, read) {
  const page = await browsing.context.newPage();
  browsing.loading.set(page, record);
  try {
    await page.goto(record.url, { waitUntil: "load", timeout: LOAD_TIMEOUT_MS });
    const deadline = Date.now() + SETTLE_MS;
    while (Date.now() < deadline && (record.pending.size > 0 || Date.now() - record.lastActivity < QUIET_MS)) {
      await sleep(25);
    }
    return await read(page);
  } finally {
    browsing.loading.delete(page);
    await page.close();
  }
}

/// Runs in the page: the URLs its elements link to, its ids and what the meta check reads.
function readDom(linking) {
  const links = [];
  const selector = Object.entries(linking).map(([tag, attribute]) => `${tag}[${attribute}]`).join(", ");
  for (const element of document.querySelectorAll(selector)) {
    const raw = element.getAttribute(linking[element.localName]);
    try {
      links.push({ raw, url: new URL(raw, document.baseURI).href });
    } catch {
      // Not a URL at all: the Nu HTML Checker reports the attribute.
    }
  }
  const named = [...document.querySelectorAll("a[name]")].map((element) => element.getAttribute("name"));
  return {
    links,
    ids: [...[...document.querySelectorAll("[id]")].map((element) => element.id), ...named],
    title: document.title.trim(),
    lang: (document.documentElement.getAttribute("lang") || "").trim(),
    viewports: [...document.querySelectorAll('meta[name="viewport"]')].map((meta) => meta.content),
  };
}

/// Runs in the page, after axe.min.js: its violations, all impacts.
async function runAxe() {
  const { violations } = await window.axe.run(document, { resultTypes: ["violations"] });
  return violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help }));
}

/// Loads one page and records what the checks need: its same-origin links (URL without the
/// fragment, and the fragment), ids, meta, axe violations and browser problems.
async function visit(browsing, target, env) {
  const record = newRecord(target, env);
  try {
    await withPage(browsing, record, async (page) => {
      const dom = await page.evaluate(readDom, LINKING);
      // evaluate(), not a <script> tag: the site's Content-Security-Policy stays in force, so
      // what it blocks is still reported.
      await page.evaluate(env.axeSource);
      record.axe = await page.evaluate(runAxe);
      Object.assign(record, dom, { ids: new Set(dom.ids), links: sameOriginLinks(dom.links, env.origin) });
    });
  } catch (error) {
    record.browser.push(`load failed: ${firstLine(error.message)}`);
  }
  return record;
}

/// The links to files of the site: same origin, and not a `blob:` URL, which the page made
/// itself (a converted file to download) and which shares the page's origin.
function sameOriginLinks(links, origin) {
  const ofTheSite = (url) => url.origin === origin && url.protocol !== "blob:";
  return links.filter((link) => ofTheSite(new URL(link.url))).map((link) => {
    const url = new URL(link.url);
    const hash = url.hash;
    url.hash = "";
    return { raw: link.raw, address: url.href, hash };
  });
}

/// Asks the server for each address not asked yet (HEAD, redirects followed) and keeps the
/// answer in `env.probes`: { status, html, file, url } or { status: 0, error }.
async function probe(addresses, env) {
  const fresh = [...new Set(addresses)].filter((address) => !env.probes.has(address));
  await inPool(fresh, PROBES, async (address) => {
    try {
      const response = await fetch(address, { method: "HEAD" });
      const found = resolveRequest(env.site, env.base, new URL(response.url).pathname);
      env.probes.set(address, {
        status: response.status,
        html: (response.headers.get("content-type") || "").startsWith("text/html"),
        file: response.status === 200 ? found?.file : undefined,
        url: response.url,
      });
    } catch (error) {
      env.probes.set(address, { status: 0, error: firstLine(error.message) });
    }
  });
}

/// Crawls breadth first from `start`, TABS pages at once. A page's links join the queue only
/// after those of every page before it, so the queue (and what --max-pages keeps) is the one a
/// crawl of one page at a time would make, whichever page finishes first. Returns the records
/// in queue order.
async function crawl(start, browsing, env) {
  const queue = [start];
  const queued = new Set([start.file]);
  const records = [];
  let next = 0;
  let committed = 0;
  let sleepers = [];
  const enqueue = (record) => {
    for (const link of record.links) {
      const answer = env.probes.get(link.address);
      if (answer.status !== 200 || !answer.html || !answer.file || queued.has(answer.file)) continue;
      if (queued.size >= env.maxPages) {
        env.truncated = true;
        continue;
      }
      queued.add(answer.file);
      queue.push({ file: answer.file, url: answer.url });
    }
  };
  const work = async () => {
    // Pages still to visit, or visited pages whose links are not queued yet and may add some.
    while (next < queue.length || committed < queue.length) {
      if (next === queue.length) {
        await new Promise((wake) => sleepers.push(wake));
        continue;
      }
      const index = next++;
      const record = await visit(browsing, queue[index], env);
      await probe(record.links.map((link) => link.address), env);
      records[index] = record;
      for (; records[committed]; committed++) enqueue(records[committed]);
      for (const wake of sleepers) wake();
      sleepers = [];
    }
  };
  await Promise.all(Array.from({ length: TABS }, work));
  return records;
}

/// The Nu HTML Checker over all pages in one JVM: file -> its errors ("line N: message").
function validate(files, jar) {
  const run = spawnSync("java", ["-jar", jar, "--errors-only", "--format", "json", "--stdout", "--exit-zero-always", ...files], {
    encoding: "utf8",
    maxBuffer: 1 << 28,
  });
  let messages;
  try {
    ({ messages } = JSON.parse(run.stdout));
  } catch {
    throw new Error(`the Nu HTML Checker did not run: ${run.error?.message || firstLine(run.stderr || "no output")}`);
  }
  const errors = new Map();
  for (const message of messages) {
    // A message about no document ("non-document-error") means the checker itself failed.
    if (!message.url) throw new Error(`the Nu HTML Checker failed: ${message.message}`);
    const file = resolve(fileURLToPath(message.url));
    if (!errors.has(file)) errors.set(file, []);
    errors.get(file).push(`line ${message.lastLine ?? "?"}: ${message.message}`);
  }
  return errors;
}

const insideBase = (pathname, base) => pathname.startsWith(base) || `${pathname}/` === base;

function linkDetails(record, env) {
  return record.links.flatMap(({ raw, address }) => {
    const pathname = new URL(address).pathname;
    const answer = env.probes.get(address);
    if (!insideBase(pathname, env.base)) return [`${raw} -> ${pathname} (escapes base ${env.base})`];
    if (answer.status === 200) return [];
    return [`${raw} -> ${pathname} (${answer.status ? `HTTP ${answer.status}` : answer.error})`];
  });
}

function anchorDetails(record, env) {
  return record.links.flatMap(({ raw, address, hash }) => {
    const target = env.pages.get(env.probes.get(address).file);
    // "#top" always scrolls to the top (HTML's rule, in any case); "#" has an empty hash.
    if (!hash || !target || hash.toLowerCase() === "#top") return [];
    let id = hash.slice(1);
    try {
      id = decodeURIComponent(id);
    } catch {
      // Not percent-encoded text: the browser looks for it as written.
    }
    return target.ids.has(id) ? [] : [`${raw}: no id "${id}" on ${target.page}`];
  });
}

function a11yDetails(record) {
  return record.axe
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(({ id, impact, nodes, help }) => `${id} (${impact}, ${nodes} element${nodes === 1 ? "" : "s"}): ${help}`);
}

function metaDetails(record) {
  const details = [];
  if (!record.title) details.push("missing or empty <title>");
  if (!record.lang) details.push("missing <html lang>");
  if (record.viewports.length === 0) details.push('missing <meta name="viewport">');
  else if (!record.viewports.some((content) => /(^|[\s,;])width\s*=\s*device-width(?![\w-])/i.test(content))) {
    details.push(`viewport lacks width=device-width: "${record.viewports.join('", "')}"`);
  }
  return details;
}

const JUDGES = {
  links: linkDetails,
  anchors: anchorDetails,
  html: (record, env) => env.htmlErrors.get(record.file) || [],
  browser: (record) => record.browser,
  a11y: a11yDetails,
  meta: metaDetails,
};

// Numeric, so "line 9" comes before "line 10".
const collator = new Intl.Collator("en", { numeric: true });

/// Every failed (page, check) pair, ordered by check and then page, its details sorted.
function judge(records, env) {
  const failures = records.flatMap((record) => CHECKS.map((check) => ({
    page: record.page,
    check,
    details: [...new Set(JUDGES[check](record, env))].sort(collator.compare),
  })));
  return failures
    .filter((failure) => failure.details.length > 0)
    .sort((a, b) => CHECKS.indexOf(a.check) - CHECKS.indexOf(b.check) || collator.compare(a.page, b.page));
}

/// A page's weight: its HTML and every same-origin file the browser loaded for it.
function weigh(record, env) {
  const files = new Set([record.file]);
  for (const pathname of record.loaded) {
    const found = resolveRequest(env.site, env.base, pathname);
    if (found?.file) files.add(found.file);
  }
  return [...files].reduce((sum, file) => sum + (env.served.get(file) ?? 0), 0);
}

/// The first crawled page in `folder` (sorted), one other than its index.html if there is.
function pick(records, folder) {
  const pattern = new RegExp(`^${folder}/[^/]+\\.html$`);
  const names = records.map((record) => record.page).filter((name) => pattern.test(name)).sort(collator.compare);
  const name = names.find((candidate) => !candidate.endsWith("/index.html")) || names[0];
  return records.find((record) => record.page === name);
}

/// Screenshots of the index, an agent page and a compare page at desktop and phone sizes.
async function takeScreenshots(browser, records, env) {
  mkdirSync(env.shots, { recursive: true });
  const chosen = [["index", records[0]], ["agent", pick(records, "agents")], ["compare", pick(records, "compare")]];
  const shots = [];
  for (const [size, options] of [["desktop", DESKTOP], ["mobile", MOBILE]]) {
    const browsing = await openContext(browser, env.origin, env.blocked, options);
    for (const [name, record] of chosen.filter(([, record]) => record)) {
      const file = join(env.shots, `${name}-${size}.png`);
      await withPage(browsing, newRecord(record, env), (page) => page.screenshot({ path: file }));
      shots.push({ page: record.page, file });
    }
    await browsing.context.close();
  }
  return shots;
}

const kilobytes = (bytes) => (bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} KB`);

/// The text report; its last line is the summary.
function report(result, env) {
  const lines = [`site: ${env.site} served at ${env.origin}${env.base}`];
  const stopped = result.truncated ? ` (stopped at --max-pages ${env.maxPages})` : "";
  lines.push(`pages: ${result.pages.length} HTML pages${stopped}, ${result.files} files, ${kilobytes(result.totalBytes)} total; ` +
    `heaviest page: ${result.heaviest.page} (${kilobytes(result.heaviest.bytes)} with assets)`);
  let group = null;
  for (const { page, check, details } of result.failures) {
    if (check !== group) {
      group = check;
      lines.push("", `[${check}]`);
    }
    const more = details.length > SHOWN_DETAILS ? ` | ... (+${details.length - SHOWN_DETAILS} more)` : "";
    lines.push(`FAIL ${page}  ${check}: ${details.slice(0, SHOWN_DETAILS).join(" | ")}${more}`);
  }
  if (result.blocked.length > 0) {
    const more = result.blocked.length > 3 ? " ..." : "";
    lines.push("", `note: ${result.blocked.length} request(s) to other origins blocked: ${result.blocked.slice(0, 3).join(", ")}${more}`);
  }
  lines.push("");
  if (result.screenshots.length > 0) lines.push(`screenshots: ${result.screenshots.map((shot) => shot.file).join(", ")}`);
  lines.push(`time: ${result.seconds.toFixed(1)} s`);
  lines.push(`sitecheck: ${result.passed} passed, ${result.failed} failed`);
  return lines.join("\n");
}

/// Crawls and checks the site with a running server and browser; returns the full result.
async function checkSite(browser, env) {
  const start = resolveRequest(env.site, env.base, env.base);
  if (!start?.file) throw new Error(`${env.site} has no index.html to serve at ${env.base}`);
  const browsing = await openContext(browser, env.origin, env.blocked, DESKTOP);
  const records = await crawl({ file: start.file, url: `${env.origin}${env.base}` }, browsing, env);
  await browsing.context.close();
  env.pages = new Map(records.map((record) => [record.file, record]));
  env.htmlErrors = validate(records.map((record) => record.file), env.vnuJar);
  const failures = judge(records, env);
  const screenshots = env.shots ? await takeScreenshots(browser, records, env) : [];
  const pages = records.map((record) => ({
    page: record.page,
    path: new URL(record.url).pathname,
    bytes: weigh(record, env),
    failed: CHECKS.filter((check) => failures.some((f) => f.page === record.page && f.check === check)),
    axe: record.axe,
  }));
  const heaviest = pages.reduce((top, page) => (page.bytes > top.bytes ? page : top));
  return {
    site: env.site, base: env.base, checks: CHECKS, truncated: env.truncated,
    passed: pages.length * CHECKS.length - failures.length, failed: failures.length,
    files: env.served.size, totalBytes: [...env.served.values()].reduce((sum, bytes) => sum + bytes, 0),
    heaviest: { page: heaviest.page, bytes: heaviest.bytes },
    failures, pages, blocked: [...env.blocked].sort(), screenshots,
  };
}

/// Runs the whole check for a command line; resolves to the exit status.
async function main(argv) {
  const started = Date.now();
  const options = parseArgs(argv);
  const require = createRequire(import.meta.url);
  const env = {
    ...options,
    axeSource: readFileSync(require.resolve("axe-core/axe.min.js"), "utf8"),
    vnuJar: join(dirname(require.resolve("vnu-jar/package.json")), "build/dist/vnu.jar"),
    served: new Map(), probes: new Map(), blocked: new Set(), truncated: false,
  };
  const server = await startServer(env.site, env.base, env.served);
  env.origin = server.origin;
  const browser = await chromium.launch({
    executablePath: process.env.SITECHECK_CHROMIUM || "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
  try {
    const result = await checkSite(browser, env);
    result.seconds = (Date.now() - started) / 1000;
    if (env.json) {
      mkdirSync(dirname(resolve(env.json)), { recursive: true });
      writeFileSync(env.json, `${JSON.stringify(result, null, 2)}\n`);
    }
    console.log(report(result, env));
    return result.failed > 0 ? 1 : 0;
  } finally {
    await browser.close();
    await server.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (status) => {
      process.exitCode = status;
    },
    (error) => {
      console.error(error instanceof UsageError ? `sitecheck: ${error.message}\n${USAGE}` : `sitecheck: ${error.stack || error}`);
      // exit(), not exitCode: a server or browser that the failure left open must not keep it alive.
      process.exit(2);
    },
  );
}

// Browsing a 2,000-agent catalogue in Chromium: search, facets, URL state, keyboard, dark mode,
// copying, phone width, and no console errors on any page opened. Expected values come from
// the built site's agents.json, never from constants.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { finish, generateCorpus, openPage, startSite } from "./helpers.js";

let corpus;
let site;
let server;
let browser;
let agents;
let running;

before(async () => {
  corpus = generateCorpus(2000);
  // Line endings the page cannot show as they are, which the copy button must give back.
  const folder = join(corpus.dir, "line-endings");
  mkdirSync(folder, { recursive: true });
  writeFileSync(
    join(folder, "windows-line-endings.md"),
    "---\r\nname: windows-line-endings\r\ndescription: Written on Windows.\r\n---\r\n# Role\r\n\r\nReview <code> & \"quotes\".\r\n",
  );
  writeFileSync(
    join(folder, "mixed-line-endings.md"),
    "---\nname: mixed-line-endings\ndescription: Edited on two systems.\n---\none\r\ntwo\rthree &#13; </code>\r",
  );
  running = await startSite({ agents: corpus.dir });
  ({ site, server, browser } = running);
  agents = site.agents();
});

after(async () => {
  await running?.close();
  corpus?.remove();
});

const settled = (page) => page.waitForSelector("[data-results]:not([aria-busy])");
const shownCount = async (page) => {
  const text = await page.textContent("[data-status]");
  const match = /^(\d+) agents?/.exec(text);
  assert.ok(match, `status says a count: ${text}`);
  return Number(match[1]);
};

async function openIndex(query = "", options = {}) {
  const opened = await openPage(browser, server.url(`index.html${query}`), options);
  await opened.page.waitForSelector("[data-search]:not([hidden])");
  await settled(opened.page);
  return opened;
}

/// Ticks a facet value and waits for the results; returns the count the value showed before.
async function tick(page, facet, value) {
  const box = page.locator(`[data-facet="${facet}"] input[value="${value}"]`);
  const count = await box.locator("xpath=ancestor::label").locator("[data-count]").textContent();
  await box.check();
  await settled(page);
  return Number(count);
}


test("typing a query narrows the results, name matches first, highlighted", async () => {
  const opened = await openIndex();
  const { page } = opened;
  const word = "kubernetes";
  const inName = agents.filter((a) => a.name.toLowerCase().includes(word));
  assert.ok(inName.length > 2, "the corpus has agents named after the word");

  await page.type("#search-input", word);
  await settled(page);
  const count = await shownCount(page);
  assert.ok(count >= inName.length, `${count} results include the ${inName.length} named ones`);
  assert.ok(count < agents.length, "the results are narrowed");
  const names = await page.$$eval("[data-results] .card-name", (els) => els.map((e) => e.textContent));
  const top = names.slice(0, Math.min(inName.length, 10));
  for (const name of top) assert.ok(name.toLowerCase().includes(word), `top result ${name}`);
  const marked = await page.$$eval("[data-results] .card-name mark", (els) => els.length);
  assert.ok(marked >= top.length, "matches in names are highlighted");
  assert.match(page.url(), /[?&]q=kubernetes/);
  await finish(opened);
});

test("a facet narrows the results and its count is right", async () => {
  const opened = await openIndex();
  const { page } = opened;
  const opus = agents.filter((a) => a.model.toLowerCase().includes("opus"));
  assert.equal(await tick(page, "model", "Opus"), opus.length);
  assert.equal(await shownCount(page), opus.length);
  const models = await page.$$eval("[data-results] .facts div:first-child dd", (els) =>
    els.map((e) => e.textContent.toLowerCase()));
  assert.ok(models.length > 0);
  for (const model of models) assert.ok(model.includes("opus"), model);
  assert.match(page.url(), /[?&]model=Opus/);

  // Tools combine with "all": each added tool keeps only agents that have every ticked tool.
  const readOnly = opus.filter((a) => a.tools?.includes("Read"));
  assert.equal(await tick(page, "tool", "Read"), readOnly.length);
  assert.equal(await shownCount(page), readOnly.length);
  await finish(opened);
});

test("state in the URL survives a reload, and back and forward restore it", async () => {
  const opened = await openIndex("?q=kubernetes&model=Sonnet");
  const { page } = opened;
  assert.equal(await page.inputValue("#search-input"), "kubernetes");
  assert.ok(await page.isChecked('[data-facet="model"] input[value="Sonnet"]'));
  const filtered = await shownCount(page);
  assert.ok(filtered > 0);

  await page.reload();
  await page.waitForSelector("[data-search]:not([hidden])");
  await settled(page);
  assert.equal(await page.inputValue("#search-input"), "kubernetes");
  assert.equal(await shownCount(page), filtered);

  await page.selectOption("#sort-select", "longest");
  await settled(page);
  assert.match(page.url(), /sort=longest/);
  await page.goBack();
  await settled(page);
  assert.equal(await page.inputValue("#sort-select"), "");
  assert.doesNotMatch(page.url(), /sort=/);
  await page.goForward();
  await settled(page);
  assert.equal(await page.inputValue("#sort-select"), "longest");
  assert.equal(await shownCount(page), filtered);
  await finish(opened);
});

test("sorting by length puts the longest agent first", async () => {
  const opened = await openIndex("?sort=longest");
  const { page } = opened;
  const longest = agents.reduce((a, b) => (b.words > a.words ? b : a));
  const first = await page.getAttribute("[data-results] li:first-child .card", "data-slug");
  assert.equal(agents.find((a) => a.id === first).words, longest.words);
  await finish(opened);
});

test("`/` focuses the search and the arrows move through the results with visible focus", async () => {
  const opened = await openIndex();
  const { page } = opened;
  await page.click("h1");
  await page.keyboard.press("/");
  assert.equal(await page.evaluate(() => document.activeElement.id), "search-input");
  assert.equal(await page.inputValue("#search-input"), "", "the slash is not typed");

  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  const focused = await page.evaluate(() => {
    const links = [...document.querySelectorAll("[data-results] .card-link")];
    const el = document.activeElement;
    return { index: links.indexOf(el), outline: getComputedStyle(el, "::after").outlineStyle };
  });
  assert.deepEqual(focused, { index: 1, outline: "solid" });
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  assert.equal(await page.evaluate(() => document.activeElement.id), "search-input");
  await finish(opened);
});

test("the dark-mode toggle follows the system, then persists across pages", async () => {
  const opened = await openIndex("", { colorScheme: "dark" });
  const { page } = opened;
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const darkBackground = await background();
  assert.equal(await page.getAttribute("[data-theme-toggle]", "aria-pressed"), "true");

  await page.click("[data-theme-toggle]");
  assert.equal(await page.getAttribute("html", "data-theme"), "light");
  const lightBackground = await background();
  assert.notEqual(lightBackground, darkBackground);

  await page.goto(server.url(agents[0].url));
  assert.equal(await page.getAttribute("html", "data-theme"), "light");
  assert.equal(await background(), lightBackground);
  assert.equal(await page.getAttribute("[data-theme-toggle]", "aria-pressed"), "false");
  await page.click("[data-theme-toggle]");
  await page.reload();
  assert.equal(await background(), darkBackground);
  await finish(opened);
});

test("copy buttons put the exact file and the install command on the clipboard", async () => {
  // Windows line endings, a mix of CR LF, CR and LF, and the first agent's file as it comes.
  for (const id of ["windows-line-endings", "mixed-line-endings", agents[0].id]) {
    const agent = agents.find((a) => a.id === id);
    const raw = site.read(agent.raw_url).toString("utf8");
    const opened = await openPage(browser, server.url(agent.url));
    await opened.page.click("[data-copy-url]");
    await opened.page.waitForSelector(".copy-status:not(:empty)");
    assert.equal(await opened.page.evaluate(() => navigator.clipboard.readText()), raw, id);
    // The source view fetches the same file when it is opened (the page holds no copy of it).
    assert.equal(await opened.page.$eval(".raw-details pre code", (c) => c.textContent), "");
    await opened.page.click(".raw-details summary");
    await opened.page.waitForFunction(() => document.querySelector(".raw-details pre code").textContent !== "");
    const shown = await opened.page.$eval(".raw-details pre code", (c) => c.textContent);
    assert.equal(shown, raw, id);
    await finish(opened);
  }
  assert.ok(site.read("raw/windows-line-endings.md").includes("\r\n# Role\r\n"));

  const agent = agents[0];
  const opened = await openPage(browser, server.url(agent.url));
  const { page } = opened;

  await page.click('[data-copy="install-command"]');
  const rawUrl = server.url(agent.raw_url);
  const command = `mkdir -p .claude/agents && curl -fsSL -o .claude/agents/${agent.id}.md ${rawUrl}`;
  await page.waitForFunction((c) => navigator.clipboard.readText().then((t) => t === c), command);
  const served = await fetch(rawUrl).then((r) => r.text());
  assert.equal(served, site.read(agent.raw_url).toString("utf8"), "the command's URL serves the file");
  const anchors = await page.$$eval("h2[id], h3[id]", (hs) => hs.filter((h) => !h.querySelector(`a.anchor[href="#${h.id}"]`)).length);
  assert.equal(anchors, 0, "every heading with an id links to itself");
  await finish(opened);
});

test("at phone width no page scrolls sideways", async () => {
  const longest = agents.reduce((a, b) => (b.words > a.words ? b : a));
  const sizes = new Map();
  for (const a of agents) sizes.set(a.family, (sizes.get(a.family) || 0) + 1);
  const [family] = [...sizes].find(([, size]) => size > 1);
  const pages = [
    "index.html",
    "index.html?q=kubernetes&tool=Read",
    "page/2/index.html",
    longest.url,
    `compare/${family}.html`,
  ];
  for (const path of pages) {
    const opened = await openPage(browser, server.url(path), { viewport: { width: 360, height: 740 } });
    const { page } = opened;
    if (path.startsWith("index.html?")) await settled(page);
    const widths = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      view: document.documentElement.clientWidth,
    }));
    assert.ok(widths.scroll <= widths.view, `${path}: ${widths.scroll} > ${widths.view}`);
    await finish(opened);
  }
});

test("without JavaScript the index is plain pages of links to every agent", async () => {
  const opened = await openPage(browser, server.url("index.html"), { javaScript: false });
  const { page } = opened;
  assert.equal(await page.isVisible("[data-search]"), false);
  const first = await page.$$eval("[data-results] .card-link", (as) => as.map((a) => a.href));
  await page.click('[data-pagination] a[rel="next"]');
  await page.waitForURL(/page\/2\/index\.html$/);
  const second = await page.$$eval("[data-results] .card-link", (as) => as.map((a) => a.href));
  assert.equal(first.length, second.length);
  assert.equal(first.filter((href) => second.includes(href)).length, 0);
  const response = await page.goto(second[0]);
  assert.equal(response.status(), 200);
  await finish(opened);
});

test("results are listed by name, linked, before their cards arrive", async () => {
  const opened = await openIndex();
  const { page } = opened;
  // Hold every card (the index pages that list them) until the names are checked.
  const held = [];
  const listing = (url) => /\/(page\/\d+\/)?index\.html$/.test(url.pathname);
  await page.route(listing, (route) => held.push(route));
  await page.type("#search-input", "kubernetes");
  await page.waitForSelector("[data-results] .card.is-pending");
  const pending = await page.$$eval("[data-results] .card.is-pending .card-link", (links) =>
    links.map((a) => ({ name: a.textContent, href: a.getAttribute("href") })));
  const byUrl = new Map(agents.map((a) => [a.url, a]));
  assert.ok(pending.length > 0);
  for (const { name, href } of pending) {
    assert.equal(byUrl.get(href)?.name, name, `${href} links to the agent named ${name}`);
  }
  assert.ok(pending[0].name.toLowerCase().includes("kubernetes"), "name matches first");
  assert.ok(await page.$("[data-results][aria-busy]"), "busy until the cards are in");

  for (const route of held) await route.continue();
  await settled(page);
  await page.unroute(listing);
  assert.equal(await page.$$eval("[data-results] .is-pending", (els) => els.length), 0);
  const names = await page.$$eval("[data-results] .card-name", (els) => els.map((e) => e.textContent));
  assert.deepEqual(names, pending.map((p) => p.name), "each card replaced its name in place");
  // Cards come from the index pages that list them; their links still lead from this page.
  assert.ok(held.some((route) => route.request().url().includes("/page/")), "a later page");
  const hrefs = await page.$$eval("[data-results] .card-link", (els) => els.map((a) => a.getAttribute("href")));
  assert.deepEqual(hrefs, pending.map((p) => p.href), "the same links as the names had");
  await finish(opened);
});

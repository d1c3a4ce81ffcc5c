// A plugin marketplace in Chromium: the plugin-category facet narrows the index to the agents of
// plugins in that category, with the count it showed; the plugin pages and the page of an agent
// shipped in six plugins have no console errors and do not scroll sideways at phone width, and
// their copy buttons give the /plugin commands. Expected values come from the built agents.json.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { openPage, startSite } from "./helpers.js";

let running;
let catalog;

before(async () => {
  running = await startSite({ agents: "tests/fixtures/marketplace-copies" });
  catalog = JSON.parse(running.site.read("agents.json"));
});

after(async () => {
  await running?.close();
});

const settled = (page) => page.waitForSelector("[data-results]:not([aria-busy])");

async function done({ page, context, errors }) {
  await page.waitForLoadState("networkidle");
  await context.close();
  assert.deepEqual(errors, [], "no console errors, exceptions or failed requests");
}

test("the plugin-category facet keeps the agents of plugins in that category", async () => {
  const categoryOf = new Map(catalog.marketplaces.flatMap((m) => m.plugins.map((p) => [p.name, p.category])));
  const inData = catalog.agents.filter((a) => a.plugins.some((p) => categoryOf.get(p.plugin) === "data"));
  assert.ok(inData.length > 0);
  const opened = await openPage(running.browser, running.server.url("index.html"));
  const { page } = opened;
  await page.waitForSelector("[data-search]:not([hidden])");
  const box = page.locator('[data-facet="plugin-category"] input[value="data"]');
  const count = await box.locator("xpath=ancestor::label").locator("[data-count]").textContent();
  assert.equal(Number(count), inData.length);
  await box.check();
  await settled(page);
  const shown = await page.$$eval("[data-results] .card", (cards) => cards.map((c) => c.dataset.slug));
  assert.deepEqual(shown.sort(), inData.map((a) => a.id).sort());
  assert.match(page.url(), /[?&]plugin-category=data/);
  await done(opened);
});

test("plugin pages and a six-plugin agent's page copy their /plugin commands and fit a phone", async () => {
  const merged = catalog.agents.find((a) => a.plugins.length === 6);
  assert.ok(merged, "an agent in six plugins");
  const pages = [
    "plugins/index.html",
    ...catalog.marketplaces[0].plugins.map((p) => p.url),
    merged.url,
  ];
  for (const path of pages) {
    const opened = await openPage(running.browser, running.server.url(path), { viewport: { width: 360, height: 740 } });
    const { page } = opened;
    const widths = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      view: document.documentElement.clientWidth,
    }));
    assert.ok(widths.scroll <= widths.view, `${path}: ${widths.scroll} > ${widths.view}`);
    await done(opened);
  }
  const opened = await openPage(running.browser, running.server.url(merged.url));
  const { page } = opened;
  const installs = merged.plugins.map((p) => p.install);
  const lines = await page.$$eval("[id^=plugin-install-]", (codes) => codes.map((c) => c.textContent));
  assert.deepEqual(lines, installs);
  await page.click(`[data-copy="plugin-install-${installs.length}"]`);
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), installs.at(-1));
  await done(opened);
});

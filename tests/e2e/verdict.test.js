// The verdict in Chromium: "Which one to pick" first on a family page, one line per variant,
// every phrase landing on a visible fact; the compare view computing the same verdict; the
// folded matrix rows opening; a large family paged by columns.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO, buildSite, finish, launchBrowser, openPage, serve } from "./helpers.js";

const VARIANTS = 40;
let seeds;
let large;
let corpus;
let browser;

before(async () => {
  browser = await launchBrowser();
  const site = buildSite({ agents: "agents" });
  seeds = { site, server: await serve(site.dir) };
  // One family by name: each variant a seed's text with a paragraph of its own.
  corpus = mkdtempSync(join(tmpdir(), "agentdex-family-"));
  const texts = readdirSync(join(REPO, "agents")).sort().map((f) => readFileSync(join(REPO, "agents", f), "utf8"));
  for (let n = 0; n < VARIANTS; n++) {
    writeFileSync(join(corpus, `variant-${String(n).padStart(3, "0")}.md`), `${texts[n % texts.length]}\n\nVariant ${n} also handles case ${n * 7919}.\n`);
  }
  const largeSite = buildSite({ agents: corpus });
  large = { site: largeSite, server: await serve(largeSite.dir) };
});

after(async () => {
  await browser?.close();
  for (const s of [seeds, large]) {
    await s?.server.close();
    s?.site.remove();
  }
  if (corpus) rmSync(corpus, { recursive: true, force: true });
});

// The verdict's lines as [variants, sentence].
const verdictLines = (page, table) =>
  page.$$eval(`${table} tr`, (rows) =>
    rows.map((row) => [[...row.querySelectorAll("th a")].map((a) => a.textContent), row.querySelector("td").textContent]));

// Follows every phrase link of the verdict: each lands on an element that is there and visible.
async function followPhrases(page, table) {
  const hrefs = await page.$$eval(`${table} td a`, (links) => links.map((a) => a.href));
  assert.ok(hrefs.length > 0, "the verdict has phrases");
  for (const href of hrefs) {
    await page.goto(href);
    const id = decodeURIComponent(new URL(href).hash.slice(1));
    const target = page.locator(`[id="${id}"]`);
    await target.first().waitFor({ state: "visible" });
    assert.equal(await target.count(), 1, `${href} lands on one element`);
  }
  return hrefs;
}

test("the family page starts with a verdict line per variant whose phrases land on their facts", async () => {
  const opened = await openPage(browser, seeds.server.url("compare/backend-engineer.html"));
  const { page } = opened;
  assert.equal(await page.textContent("main section h2"), "Which one to pick");
  const members = seeds.site.agents().filter((a) => a.family === "backend-engineer").map((a) => a.id);
  const lines = await verdictLines(page, "table.verdict");
  assert.deepEqual(lines.map(([variants]) => variants[0]).sort(), [...members].sort());
  for (const [, sentence] of lines) assert.match(sentence, /^Pick this one if you want .+\.$/);
  await followPhrases(page, "table.verdict");
  await finish(opened);
});

test("the compare view starts with the verdict the family page of the same agents has", async () => {
  // The view compares four agents at most: the family page of a catalogue of those four seeds
  // is what it must say.
  const four = mkdtempSync(join(tmpdir(), "agentdex-four-"));
  const picked = ["backend-engineer-hyper-focused", "backend-engineer-senior", "backend-engineer", "backend-reliability-engineer"];
  for (const id of picked) writeFileSync(join(four, `${id}.md`), readFileSync(join(REPO, "agents", `${id}.md`)));
  const fourSite = buildSite({ agents: four });
  const fourServer = await serve(fourSite.dir);
  try {
    const family = await openPage(browser, fourServer.url("compare/backend-engineer.html"));
    const expected = await verdictLines(family.page, "table.verdict");
    await finish(family);
    assert.deepEqual(expected.map(([variants]) => variants), picked.map((id) => [id]));

    const opened = await openPage(browser, seeds.server.url(`compare/index.html?agents=${picked.join(",")}`));
    const { page } = opened;
    await page.waitForSelector(".picker-verdict tr");
    assert.deepEqual(await verdictLines(page, ".picker-verdict"), expected);
    assert.equal(await page.textContent("#picker h2"), "Which one to pick");
    await followPhrases(page, ".picker-verdict");
    await finish(opened);
  } finally {
    await fourServer.close();
    fourSite.remove();
    rmSync(four, { recursive: true, force: true });
  }
});

test("rows the same in every variant are folded and open on a click", async () => {
  const pair = mkdtempSync(join(tmpdir(), "agentdex-pair-"));
  const text = "---\nname: api\ndescription: Builds APIs.\ntools: Read, Bash\n---\n## Steps\n- read\n";
  writeFileSync(join(pair, "a.md"), text);
  writeFileSync(join(pair, "b.md"), `${text}- and test it well\n`);
  const site = buildSite({ agents: pair });
  const server = await serve(site.dir);
  try {
    const opened = await openPage(browser, server.url("compare/api.html"));
    const { page } = opened;
    const open = await page.$$eval("section > .matrix-scroll .matrix tbody tr", (rows) => rows.map((r) => r.id));
    assert.deepEqual(open, ["row_length"]);
    const folded = page.locator("details.same-rows tbody tr");
    // Name, harness, model, tools, two capabilities with a tool each, color, examples, return
    // format, sections, warnings, source: all the same.
    assert.equal(await folded.count(), 13);
    assert.equal(await folded.first().isVisible(), false, "folded by default");
    await page.click("details.same-rows > summary");
    for (const row of await folded.all()) assert.ok(await row.isVisible(), "each shows once opened");
    assert.equal(await page.locator("details.same-rows .badge-differs").count(), 0);
    await finish(opened);
  } finally {
    await server.close();
    site.remove();
    rmSync(pair, { recursive: true, force: true });
  }
});

test("a large family shows its columns a page at a time, and every page the whole verdict", async () => {
  const opened = await openPage(browser, large.server.url("compare/backend-engineer.html"));
  const { page } = opened;
  const pages = await page.$$eval(".family-pages a", (links) => links.map((a) => a.getAttribute("href")));
  assert.equal(pages.length, Math.ceil(VARIANTS / 12));
  assert.equal(await page.getAttribute(".family-pages a[aria-current=page]", "href"), "backend-engineer.html");
  const columns = [];
  for (const href of pages) {
    await page.click(`.family-pages a[href="${href}"]`);
    await page.waitForURL((url) => url.pathname.endsWith(`/compare/${href}`));
    assert.equal((await verdictLines(page, "table.verdict")).length, VARIANTS);
    columns.push(...await page.$$eval("section > .matrix-scroll table.matrix thead th a", (as) => as.map((a) => a.textContent)));
  }
  assert.equal(new Set(columns).size, VARIANTS, "every variant is a column of one page");
  // Phrases of variants on other pages lead there.
  const hrefs = await followPhrases(page, "table.verdict");
  assert.ok(hrefs.some((href) => new URL(href).pathname.endsWith("/compare/backend-engineer.html")));
  await finish(opened);
});

// Comparing agents in Chromium: tick two agents on the index, open the compare view, see both
// columns and a highlighted difference, and get the same view back from its address.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { finish, openPage, startSite } from "./helpers.js";

let running;
let site;
let server;
let browser;

before(async () => {
  running = await startSite({ agents: "agents" });
  ({ site, server, browser } = running);
});

after(() => running?.close());

test("ticking two agents on the index opens a shareable comparison", async () => {
  const opened = await openPage(browser, server.url("index.html"));
  const { page } = opened;
  const [first, second] = ["backend-engineer", "backend-engineer-hyper-focused"];
  await page.check(`[data-pick="${first}"]`);
  await page.check(`[data-pick="${second}"]`);
  assert.equal(await page.textContent(".pick-count"), "2 agents ticked.");
  await Promise.all([page.waitForURL(/compare\/index\.html\?agents=/), page.click("[data-pick-open]")]);
  assert.ok(page.url().endsWith(`compare/index.html?agents=${first},${second}`), page.url());

  const check = async () => {
    await page.waitForSelector(".picker-matrix tr.differs");
    const columns = await page.$$eval(".picker-matrix thead th code", (cells) => cells.map((c) => c.textContent));
    assert.deepEqual(columns, [first, second]);
    // Each column links to the agent's page, which is there.
    const links = await page.$$eval(".picker-matrix thead th a", (as) => as.map((a) => a.href));
    assert.deepEqual(links, [first, second].map((id) => server.url(`agents/${id}.html`)));
    for (const link of links) assert.equal((await fetch(link)).status, 200, link);
    // The model differs (inherit vs sonnet): that row is marked, its cells hold both values.
    const model = await page.$$eval(".picker-matrix tbody tr", (rows) =>
      rows
        .map((row) => ({ label: row.querySelector(".row-label").textContent, differs: row.classList.contains("differs"), cells: [...row.querySelectorAll("td")].map((td) => td.textContent) }))
        .find((row) => row.label === "Model"));
    assert.deepEqual(model, { label: "Model", differs: true, cells: ["inherit", "sonnet"] });
    await page.waitForSelector(".picker-diff del.diff-del");
    assert.ok((await page.$$(".picker-diff ins.diff-ins")).length > 0, "insertions marked");
  };
  await check();
  await page.reload();
  await check();
  await finish(opened);
});

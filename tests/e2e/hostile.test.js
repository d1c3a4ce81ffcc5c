// Hostile agent files in Chromium: the pages of tests/fixtures/hostile show the injected markup
// as text and none of it runs: no `window.pwned`, the title unchanged, no console errors.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { finish, openPage, startSite } from "./helpers.js";

let running;
let site;
let server;
let browser;

before(async () => {
  running = await startSite({ agents: "tests/fixtures/hostile" });
  ({ site, server, browser } = running);
});

after(() => running?.close());

test("no script from an agent file runs on any of its pages", async () => {
  const agents = site.agents();
  assert.ok(agents.length >= 20, `${agents.length} hostile agents built`);
  for (const agent of agents) {
    const opened = await openPage(browser, server.url(agent.url));
    const { page } = opened;
    // Give injected handlers (onerror, onload) the chance to fire.
    await page.waitForLoadState("load");
    await page.waitForTimeout(50);
    const state = await page.evaluate(() => ({ pwned: window.pwned ?? null, title: document.title }));
    assert.equal(state.pwned, null, `${agent.source}: window.pwned was set`);
    // The title is the agent's name as text (some names hold markup), never script's doing.
    assert.ok(
      state.title.startsWith(agent.name) && state.title.endsWith(" · Agent catalogue"),
      `${agent.source}: title is ${state.title}`,
    );
    await finish(opened, agent.source);
  }
  // The injected markup is on the page, as text.
  const opened = await openPage(browser, server.url("agents/script-injection.html"));
  const body = await opened.page.textContent("main");
  assert.ok(body.includes("<script>window.pwned = 'body'; document.title = 'pwned';</script>"));
  await finish(opened);
});

// Measures the index page of a built catalogue in Chromium: the bytes of the first load
// (everything requested until the network is idle) and, for queries typed one key at a time,
// the time from each keystroke to the results listed by name (the page's own `data-ms`) and to
// their cards in place (`data-cards-ms`). Misspelt queries are measured too: their words are
// corrected from the vocabulary files, which only they fetch.
//
//   node tests/e2e/measure.js SITE_DIR [QUERY...]
//
// Default queries: security, react hooks, kubernetes, and the typos kubernets, datbase,
// secuirty, reactt hooks. Anything that went wrong in the browser (see helpers.js) is listed
// at the end, and makes the exit status 1.
import { launchBrowser, openContext, serve } from "./helpers.js";

const DEFAULT_QUERIES = [
  "security", "react hooks", "kubernetes", "kubernets", "datbase", "secuirty", "reactt hooks",
];

const [dir, ...queries] = process.argv.slice(2);
if (!dir) {
  console.error("usage: node measure.js SITE_DIR [QUERY...]");
  process.exit(2);
}
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
const settled = (page) => page.waitForSelector("[data-results]:not([aria-busy])", { state: "attached" });

const server = await serve(dir);
const browser = await launchBrowser();
let failed = false;
try {
  // The page starts blank, so that every request of the index page is counted (and no other).
  const { page, context, errors } = await openContext(browser);
  let bytes = 0;
  const files = [];
  // Bodies are read as they arrive; `counted()` waits for those still being read.
  const reading = new Set();
  page.on("response", (response) => {
    const read = response.body().catch(() => Buffer.alloc(0)).then((body) => {
      bytes += body.length;
      files.push(`${new URL(response.url()).pathname} ${body.length}`);
      reading.delete(read);
    });
    reading.add(read);
  });
  const counted = () => Promise.all([...reading]);
  await page.goto(server.url("index.html"), { waitUntil: "networkidle" });
  await counted();
  console.log(`first load: ${bytes} bytes in ${files.length} files\n  ${files.join("\n  ")}`);

  // Focusing the search box fetches search/docs.json.
  const first = bytes;
  await Promise.all([page.waitForResponse(/\/search\/docs\.json$/), page.focus("#search-input")]);
  await counted();
  console.log(`on focus: ${bytes - first} bytes (search/docs.json)`);

  const listed = [];
  for (const query of queries.length ? queries : DEFAULT_QUERIES) {
    await page.fill("#search-input", "");
    await settled(page);
    await counted();
    const before = bytes;
    const times = { listed: [], cards: [] };
    for (const key of query) {
      await page.keyboard.type(key);
      await settled(page);
      await counted();
      const status = await page.$("[data-status]");
      times.listed.push(Number(await status.getAttribute("data-ms")) || 0);
      times.cards.push(Number(await status.getAttribute("data-cards-ms")) || 0);
    }
    listed.push(...times.listed);
    const shown = await page.textContent("[data-status]");
    const correction = await page.$eval("[data-correction]", (p) => (p.hidden ? "" : ` (${p.textContent})`));
    console.log(`"${query}": ${shown}${correction}; ${bytes - before} bytes fetched while typing`);
    for (const [what, list] of Object.entries(times)) {
      console.log(`  ${what}: ms per keystroke ${list.join(" ")}; median ${median(list)}, max ${Math.max(...list)}`);
    }
  }
  console.log(`all keystrokes: median ${median(listed)} ms to the results listed`);
  console.log(`after searching: ${bytes} bytes loaded in total`);
  await page.waitForLoadState("networkidle");
  await context.close();
  if (errors.length) {
    failed = true;
    console.log(`errors:\n  ${errors.join("\n  ")}`);
  }
} finally {
  await browser.close();
  await server.close();
}
process.exit(failed ? 1 : 0);

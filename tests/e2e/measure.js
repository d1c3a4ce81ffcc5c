// Measures the index page of a built catalogue in Chromium: the bytes of the first load
// (everything requested until the network is idle) and, for queries typed one key at a time,
// the time from each keystroke to the results listed by name (the page's own `data-ms`) and to
// their cards in place (`data-cards-ms`).
//
//   node tests/e2e/measure.js SITE_DIR [QUERY...]     (default queries: security, react hooks)
import { launchBrowser, openPage, serve } from "./helpers.js";

const [dir, ...queries] = process.argv.slice(2);
if (!dir) {
  console.error("usage: node measure.js SITE_DIR [QUERY...]");
  process.exit(2);
}
const server = await serve(dir);
const browser = await launchBrowser();
try {
  const { page, context, errors } = await openPage(browser, server.url("static/theme.js"));
  let bytes = 0;
  const files = [];
  page.on("response", async (response) => {
    const size = (await response.body().catch(() => Buffer.alloc(0))).length;
    bytes += size;
    files.push(`${new URL(response.url()).pathname} ${size}`);
  });
  await page.goto(server.url("index.html"), { waitUntil: "networkidle" });
  console.log(`first load: ${bytes} bytes in ${files.length} files\n  ${files.join("\n  ")}`);

  for (const query of queries.length ? queries : ["security", "react hooks"]) {
    await page.fill("#search-input", "");
    await page.waitForSelector("[data-results]:not([aria-busy])");
    const times = { listed: [], cards: [] };
    for (const key of query) {
      await page.keyboard.type(key);
      await page.waitForSelector("[data-results]:not([aria-busy])");
      const status = await page.$("[data-status]");
      times.listed.push(Number(await status.getAttribute("data-ms")) || 0);
      times.cards.push(Number(await status.getAttribute("data-cards-ms")) || 0);
    }
    for (const [what, list] of Object.entries(times)) {
      const sorted = [...list].sort((a, b) => a - b);
      console.log(`"${query}" ${what}: ms per keystroke ${list.join(" ")}; median ${sorted[Math.floor(sorted.length / 2)]}, max ${sorted.at(-1)}`);
    }
  }
  console.log(`after searching: ${bytes} bytes loaded in total`);
  if (errors.length) console.log(`errors: ${errors.join("; ")}`);
  await context.close();
} finally {
  await browser.close();
  await server.close();
}

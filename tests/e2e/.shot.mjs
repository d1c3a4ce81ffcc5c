import { serve, launchBrowser } from "./helpers.js";
const [dir, out, ...paths] = process.argv.slice(2);
const server = await serve(dir);
const browser = await launchBrowser();
for (const path of paths) {
  for (const [label, width] of [["desktop", 1280], ["phone", 390]]) {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    await page.goto(server.url(path));
    await page.waitForLoadState("networkidle");
    const name = path.replace(/[\/.]/g, "_");
    await page.screenshot({ path: `${out}/${name}-${label}.png`, fullPage: false });
    const install = page.locator("#install");
    if (await install.count()) {
      await install.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${out}/${name}-${label}-install.png` });
    }
    await context.close();
  }
}
await browser.close();
await server.close();

// Search that forgives typos, in Chromium, on a catalogue of the five reference agents (agents/)
// and 1,000 generated ones: a misspelt word finds what the word finds, "Showing results for …"
// says so and links to the words as typed, and a query that finds nothing offers the nearest
// names. What each page must show is worked out here from the built index files (search/),
// with a plain edit-distance table of this file's own.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { finish, generateCorpus, openPage, REPO, startSite } from "./helpers.js";

let corpus;
let running;
let site;
let server;
let browser;
let index;

before(async () => {
  corpus = generateCorpus(1000);
  cpSync(join(REPO, "agents"), join(corpus.dir, "reference"), { recursive: true });
  running = await startSite({ agents: corpus.dir });
  ({ site, server, browser } = running);
  index = readIndex();
});

after(async () => {
  await running?.close();
  corpus?.remove();
});

// ---------- The index as the built files hold it ----------

function readIndex() {
  const json = (path) => JSON.parse(site.read(path).toString("utf8"));
  const docs = json("search/docs.json");
  // Every word with its postings decoded: [first id, score, id gap, score, ...].
  const words = new Map();
  for (const file of readdirSync(join(site.dir, "search/terms"))) {
    for (const [word, list] of Object.entries(json(`search/terms/${file}`))) {
      const agents = new Map();
      let id = 0;
      for (let i = 0; i < list.length; i += 2) {
        id += list[i];
        agents.set(id, list[i + 1]);
      }
      words.set(word, agents);
    }
  }
  const vocabulary = new Map(docs.vocabulary.map((length) => [length, json(`search/vocab/${length}.json`)]));
  const slugs = docs.names.map((entry) => (typeof entry === "string" ? entry : entry[1]));
  const names = docs.names.map((entry) => (typeof entry === "string" ? entry : entry[0]));
  return { docs, words, vocabulary, slugs, names };
}

// Damerau–Levenshtein distance as optimal string alignment, the whole table.
function distance(a, b) {
  const [x, y] = [[...a], [...b]];
  const d = Array.from({ length: x.length + 1 }, (_, i) =>
    Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= x.length; i += 1) {
    for (let j = 1; j <= y.length; j += 1) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[x.length][y.length];
}

const wordsOf = (text) => text.toLowerCase().split(/[^\p{Alphabetic}\p{N}]+/u)
  .filter((w) => [...w].length >= 2 && [...w].length <= 40);

// The agents with a word starting with `prefix`, each with its best score.
function prefixMatches(prefix) {
  const found = new Map();
  for (const [word, agents] of index.words) {
    if (!word.startsWith(prefix)) continue;
    for (const [id, score] of agents) found.set(id, Math.max(found.get(id) ?? 0, score));
  }
  return found;
}

// The correction of a word that starts no word of the index: within one edit from four
// letters, two from eight; nearest, then in the most agents, then alphabetical.
function correction(word) {
  const length = [...word].length;
  if (length < 4 || /\p{N}/u.test(word)) return null;
  const limit = length >= 8 ? 2 : 1;
  let best = null;
  for (let n = length - limit; n <= length + limit; n += 1) {
    for (const [agents, ...candidates] of index.vocabulary.get(n) ?? []) {
      for (const candidate of candidates) {
        const edits = distance(word, candidate);
        if (edits > limit) continue;
        const key = [edits, -agents, candidate];
        if (!best || key[0] < best[0] || (key[0] === best[0] && (key[1] < best[1] || (key[1] === best[1] && key[2] < best[2])))) {
          best = key;
        }
      }
    }
  }
  return best?.[2] ?? null;
}

// What a query shows: the agents in order, and the words as corrected.
function expected(query) {
  const words = wordsOf(query);
  const matches = words.map((word) => {
    const found = prefixMatches(word);
    if (found.size) return { word, found };
    const meant = correction(word);
    if (!meant) return { word, found };
    const near = prefixMatches(meant);
    for (const [id, score] of near) near.set(id, score / 2);
    return { word: meant, meant, found: near };
  });
  const [first, ...others] = matches.map((m) => m.found);
  const scores = [...first].filter(([id]) => others.every((o) => o.has(id)))
    .map(([id, score]) => [id, others.reduce((sum, o) => sum + o.get(id), score)]);
  scores.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  return {
    ids: scores.map(([id]) => id),
    corrected: matches.some((m) => m.meant) ? matches.map((m) => m.word).join(" ") : null,
  };
}

// The names offered for a query that finds nothing: the query words' edits to each name's
// nearest words (each at most the word's length), then the edits of the whole query to the
// name's letters, then name order; a name's letters once.
function nearestNames(query, count) {
  const words = wordsOf(query);
  const ranked = index.names.map((name, id) => {
    const own = wordsOf(name);
    const cost = words.reduce((sum, word) =>
      sum + Math.min([...word].length, ...own.map((o) => distance(word, o))), 0);
    const letters = own.filter((w) => !/\p{N}/u.test(w)).join(" ");
    return { id, cost, letters };
  });
  const cheapest = [...ranked].sort((a, b) => a.cost - b.cost || a.id - b.id)[count - 1].cost;
  for (const r of ranked) if (r.cost <= cheapest) r.whole = distance(words.join(" "), r.letters);
  ranked.sort((a, b) => a.cost - b.cost || (a.whole ?? 0) - (b.whole ?? 0) || a.id - b.id);
  const seen = new Set();
  return ranked.filter((r) => !seen.has(r.letters) && seen.add(r.letters)).slice(0, count).map((r) => r.id);
}

// ---------- The page ----------

const settled = (page) => page.waitForSelector("[data-results]:not([aria-busy])", { state: "attached" });

async function openIndex(query = "") {
  const opened = await openPage(browser, server.url(`index.html${query}`));
  await opened.page.waitForSelector("[data-search]:not([hidden])");
  await settled(opened.page);
  return opened;
}

// What the page lists: the slugs of the results, the count and the correction line.
async function shown(page) {
  return page.evaluate(() => ({
    slugs: [...document.querySelectorAll("[data-results] .card")].map((card) =>
      card.dataset.slug ?? card.querySelector(".card-link").getAttribute("href").replace(/^agents\/|\.html$/g, "")),
    // The count and range, without the time taken.
    status: document.querySelector("[data-status]").textContent.replace(/ · \d+ ms$/, ""),
    correction: document.querySelector("[data-correction]").hidden
      ? null
      : document.querySelector("[data-correction]").textContent,
  }));
}

async function showsExpected(page, query) {
  const want = expected(query);
  const got = await shown(page);
  assert.deepEqual(got.slugs, want.ids.slice(0, 24).map((id) => index.slugs[id]), `${query}: results`);
  assert.match(got.status, new RegExp(`^${want.ids.length} agents?\\b`), `${query}: count`);
  return { want, got };
}

// Two neighbouring letters of `word` swapped, at each place from the third letter on.
function* transpositions(word) {
  const chars = [...word];
  for (let i = 2; i + 1 < chars.length; i += 1) {
    if (chars[i] === chars[i + 1]) continue;
    const swapped = [...chars];
    [swapped[i], swapped[i + 1]] = [swapped[i + 1], swapped[i]];
    yield swapped.join("");
  }
}

test("a misspelt word of each reference agent finds the agent, as the word itself does", async () => {
  const reference = site.agents().filter((a) =>
    [a.source, ...a.also_in].some((path) => path.startsWith("reference/")));
  assert.equal(reference.length, 5, "the five reference agents are in the catalogue");
  for (const agent of reference) {
    const id = index.slugs.indexOf(agent.id);
    // The agent's rarest long word that a swap of two letters turns into a word the index
    // does not start, corrected back to it.
    const words = [...index.words].filter(([word, agents]) =>
      agents.has(id) && [...word].length >= 6 && !/\p{N}/u.test(word))
      .sort((a, b) => a[1].size - b[1].size || a[0].localeCompare(b[0]));
    let misspelt;
    let word;
    for ([word] of words) {
      misspelt = [...transpositions(word)].find((t) => !prefixMatches(t).size && correction(t) === word);
      if (misspelt) break;
    }
    assert.ok(misspelt, `${agent.id}: a word to misspell`);

    const opened = await openIndex();
    const { page } = opened;
    await page.type("#search-input", misspelt);
    await settled(page);
    const { want, got } = await showsExpected(page, misspelt);
    assert.ok(want.ids.includes(id), `${misspelt} finds ${agent.id}`);
    assert.ok(got.slugs.includes(agent.id) || want.ids.indexOf(id) >= 24, `${agent.id} is listed`);
    assert.equal(got.correction, `Showing results for ${word}. Search instead for ${misspelt}`);
    // The same agents as the word spelt right, in the same order (one word: halving every
    // score keeps the order).
    assert.deepEqual(want.ids, expected(word).ids, `${misspelt} finds what ${word} finds`);
    const marked = await page.$$eval("[data-results] .card-name mark, [data-results] .card-summary mark",
      (marks) => marks.map((m) => m.textContent.toLowerCase()));
    assert.ok(marked.every((m) => m === word), `the corrected word is highlighted: ${marked}`);
    await finish(opened);
  }
});

test("the generated catalogue's misspellings are corrected, ranked below the words typed right", async () => {
  for (const query of ["kubernets", "datbase", "secuirty", "reactt hooks"]) {
    const opened = await openIndex(`?q=${encodeURIComponent(query)}`);
    const { want, got } = await showsExpected(opened.page, query);
    assert.ok(want.ids.length > 0, `${query} finds agents`);
    assert.equal(got.correction, `Showing results for ${want.corrected}. Search instead for ${query}`);
    await finish(opened);
  }
  // "reactt hooks": "hooks" counts fully, "react" half, which the order above already holds;
  // here it decides: the agents are not in the order of the words spelt right.
  const [typo, right] = [expected("reactt hooks").ids, expected("react hooks").ids];
  assert.notDeepEqual(typo, right);
  assert.deepEqual([...typo].sort((a, b) => a - b), [...right].sort((a, b) => a - b));
});

test("the exact-spelling link searches the words as typed, and back returns to the correction", async () => {
  const query = "kubernets";
  assert.equal(prefixMatches(query).size, 0, "no word of the index starts with the typo");
  const opened = await openIndex(`?q=${query}`);
  const { page } = opened;
  const corrected = await shown(page);
  assert.ok(corrected.slugs.length > 0);

  await page.click("[data-correction] a");
  await settled(page);
  assert.match(page.url(), /[?&]q=kubernets&exact=1$/);
  assert.equal(await page.inputValue("#search-input"), query);
  const exact = await shown(page);
  assert.deepEqual(exact, { slugs: [], status: exact.status, correction: null });
  assert.match(exact.status, /^0 agents/);
  assert.equal(await page.textContent("#results-title"), "No matching agents");
  assert.ok(await page.isVisible("[data-empty]"));

  // The address keeps the choice: a reload shows the exact spelling again.
  await page.reload();
  await settled(page);
  assert.deepEqual((await shown(page)).slugs, []);

  await page.goBack();
  await settled(page);
  assert.deepEqual(await shown(page), corrected);

  // Typing again asks for corrections again.
  await page.goForward();
  await settled(page);
  await page.press("#search-input", "Backspace");
  await page.type("#search-input", "s");
  await settled(page);
  assert.doesNotMatch(page.url(), /exact=/);
  assert.deepEqual((await shown(page)).slugs, corrected.slugs);
  await finish(opened);
});

test("a query that finds nothing offers the nearest names, linked to their pages", async () => {
  for (const query of ["qqxxzzvv", "backend zzqqxxvv"]) {
    for (const word of wordsOf(query)) {
      if (prefixMatches(word).size) continue;
      assert.equal(correction(word), null, `${word} is more than two edits from every word`);
    }
    assert.equal(expected(query).ids.length, 0);
    const opened = await openIndex(`?q=${encodeURIComponent(query)}`);
    const { page } = opened;
    assert.match((await shown(page)).status, /^0 agents/);
    const offered = await page.$$eval("[data-nearest]:not([hidden]) li a", (links) =>
      links.map((a) => ({ name: a.textContent, href: a.getAttribute("href") })));
    const want = nearestNames(query, 5);
    assert.deepEqual(offered, want.map((id) => ({ name: index.names[id], href: `agents/${index.slugs[id]}.html` })), query);
    for (const { href } of offered) assert.equal((await fetch(server.url(href))).status, 200, href);
    await finish(opened);
  }
});

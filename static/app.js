// agentdex: progressive enhancements; every page works without this file.
//
// - the light/dark toggle (theme.js applies the saved choice before the page paints);
// - copy buttons, the source view, heading anchors, and the install command made absolute when
//   the site's URL is not configured;
// - on the index: search as you type, facets with counts, sorting and paging over the index in
//   search/ (written by search.rs), with the state in the URL (shareable; back and forward
//   work), and keyboard use (`/` focuses the search, arrows move through the results).
"use strict";

const THEME_KEY = "agentdex-theme";

function setUpThemeToggle() {
  const button = document.querySelector("[data-theme-toggle]");
  if (!button) return;
  const root = document.documentElement;
  const system = window.matchMedia("(prefers-color-scheme: dark)");
  const isDark = () => (root.dataset.theme || (system.matches ? "dark" : "light")) === "dark";
  const show = () => button.setAttribute("aria-pressed", String(isDark()));
  button.hidden = false;
  show();
  system.addEventListener("change", show);
  button.addEventListener("click", () => {
    const theme = isDark() ? "light" : "dark";
    root.dataset.theme = theme;
    try {
      localStorage.setItem(THEME_KEY, theme);
    } catch {
      // Storage is disabled: the choice lasts for this page only.
    }
    show();
  });
}

// The exact text of a file of the site (its raw copy in raw/: CR LF and lone CR kept), fetched
// once per address.
const fetchedTexts = new Map();
function fetchText(url) {
  if (!fetchedTexts.has(url)) {
    fetchedTexts.set(url, fetch(url).then((response) => {
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
      return response.text();
    }));
  }
  return fetchedTexts.get(url);
}

// Puts text on the clipboard. Safari only allows it in the click itself, so where ClipboardItem
// takes a promise the text is handed over still being fetched.
async function copyText(text) {
  if (typeof text === "string") return navigator.clipboard.writeText(text);
  if (window.ClipboardItem && ClipboardItem.supports && ClipboardItem.supports("text/plain")) {
    const blob = text.then((t) => new Blob([t], { type: "text/plain" }));
    return navigator.clipboard.write([new ClipboardItem({ "text/plain": blob })]);
  }
  return navigator.clipboard.writeText(await text);
}

// Copy buttons: `data-copy` names the element whose text goes on the clipboard (an install
// command); `data-copy-url` names a file of the site whose exact text does (the agent's file).
function setUpCopyButtons() {
  const status = document.querySelector(".copy-status");
  let timer;
  for (const button of document.querySelectorAll("[data-copy], [data-copy-url]")) {
    const source = button.dataset.copy && document.getElementById(button.dataset.copy);
    if (!(source || button.dataset.copyUrl) || !navigator.clipboard) continue;
    const text = () => (source ? source.textContent : fetchText(button.dataset.copyUrl));
    button.hidden = false;
    button.addEventListener("click", async () => {
      let message;
      try {
        await copyText(text());
        message = button.dataset.copied;
      } catch {
        message = "Copying is not allowed here; select the text or use the download link.";
      }
      if (!status) return;
      status.textContent = message;
      clearTimeout(timer);
      timer = setTimeout(() => { status.textContent = ""; }, 4000);
    });
  }
}

// The source view: the file as written, fetched from raw/ when it is first opened (the page
// does not hold a second copy of it; without JavaScript, the link above it opens the file).
function setUpSourceView() {
  const details = document.querySelector("details[data-raw-url]");
  if (!details) return;
  details.hidden = false;
  details.addEventListener("toggle", () => {
    const code = details.querySelector("pre code");
    if (!details.open || code.dataset.loaded) return;
    code.dataset.loaded = "true";
    fetchText(details.dataset.rawUrl).then(
      (text) => { code.textContent = text; },
      (error) => { code.textContent = `The file could not be loaded (${error.message}).`; },
    );
  });
}

// A `#` self-link at the end of each heading with an id in an agent page, so that any section
// can be linked to (written here rather than into every page: it is markup on every heading).
function addHeadingAnchors() {
  for (const heading of document.querySelectorAll("article.agent :is(h2, h3, h4, h5, h6)[id]")) {
    const link = document.createElement("a");
    link.className = "anchor";
    link.href = `#${heading.id}`;
    const mark = document.createElement("span");
    mark.setAttribute("aria-hidden", "true");
    mark.textContent = "#";
    const label = document.createElement("span");
    label.className = "visually-hidden";
    label.textContent = "Link to this section";
    link.append(mark, label);
    heading.append(link);
  }
}

// Without a configured base URL the install command holds the file's relative URL; curl needs
// the absolute one, which is known here.
function absolutizeInstallCommand() {
  const code = document.querySelector("[data-relative-url]");
  if (!code) return;
  const relative = code.dataset.relativeUrl;
  if (!code.textContent.endsWith(relative)) return;
  code.textContent =
    code.textContent.slice(0, -relative.length) + new URL(relative, location.href).href;
}

// ---------- The index: search, facets, sort, pages ----------

// Sort menu values → comparisons of two agent numbers; agents are numbered in name order, and
// each row of docs.json starts with [words, examples, quality, risk score].
const SORTS = {
  name: () => (a, b) => a - b,
  longest: (docs) => (a, b) => docs[b][0] - docs[a][0] || a - b,
  shortest: (docs) => (a, b) => docs[a][0] - docs[b][0] || a - b,
  examples: (docs) => (a, b) => docs[b][1] - docs[a][1] || a - b,
  quality: (docs) => (a, b) => docs[b][2] - docs[a][2] || a - b,
  risk: (docs) => (a, b) => docs[b][3] - docs[a][3] || a - b,
};
// Where the facet values start in a row of docs.json.
const FIRST_FACET = 4;
const PAGE_NEIGHBOURS = 2;
// Names offered when a query finds nothing.
const NEAREST_NAMES = 5;

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// Wraps each occurrence of `pattern` in the text of `element` in <mark>, text node by text node.
function highlight(element, pattern) {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const nodes = [];
  while (walker.nextNode()) nodes.push(walker.currentNode);
  for (const node of nodes) {
    const parts = node.data.split(pattern);
    if (parts.length < 2) continue;
    const fragment = document.createDocumentFragment();
    parts.forEach((part, i) => {
      if (!part) return;
      if (i % 2) {
        const mark = document.createElement("mark");
        mark.textContent = part;
        fragment.append(mark);
      } else {
        fragment.append(part);
      }
    });
    node.replaceWith(fragment);
  }
}

// The words of a query, read as search.rs reads the agents: lowercase runs of letters and
// digits, two to forty characters.
function queryWords(query) {
  return query.toLowerCase().split(/[^\p{Alphabetic}\p{N}]+/u)
    .filter((word) => [...word].length >= 2 && [...word].length <= 40);
}

// A query word that starts no word of the index is corrected to the nearest word of the
// vocabulary (search/vocab/, written by search/vocabulary.rs): within one edit from four
// characters, two from eight. Shorter words and words with a digit are taken as typed.
const TYPO_MIN_CHARS = 4;
const TWO_TYPOS_FROM = 8;
// A corrected word's scores count this much of a typed word's, so that what the reader typed
// ranks first.
const CORRECTED_WEIGHT = 0.5;
// Words whose agents are kept once looked up.
const KEPT_LOOKUPS = 16;

// A word as its characters' code points.
const codePoints = (word) => Array.from(word, (c) => c.codePointAt(0));

// The characters of a word as bits of a number (a to z one bit each, others sharing): one edit
// changes at most two bits, so two words whose bits differ in more than 2k places are more than
// k edits apart, which is quicker to see than their distance.
function letterBits(word) {
  let bits = 0;
  for (const character of word) bits |= 1 << (character.codePointAt(0) % 32);
  return bits;
}
function bitCount(bits) {
  let n = bits - ((bits >>> 1) & 0x55555555);
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return (((n + (n >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

// Three rows of editDistance's table, kept between calls: it runs for thousands of words a
// keystroke.
let distanceRows = [];

// The edits a word of `length` characters may be from the word it is corrected to, and the
// lengths that word can have.
const editsAllowed = (length) => (length >= TWO_TYPOS_FROM ? 2 : 1);
function lengthsNear(length) {
  const limit = editsAllowed(length);
  return Array.from({ length: 2 * limit + 1 }, (_, k) => length - limit + k);
}

// The Damerau–Levenshtein distance of two words (arrays of code points), as optimal string
// alignment: inserting, deleting or replacing a character, or swapping two neighbours, is one
// edit each, and no part is edited twice. Past `limit` it stops and gives `limit + 1`. Only
// the cells within `limit` of the diagonal are worked out: any path through another cell
// costs more than `limit`.
function editDistance(a, b, limit) {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const over = limit + 1;
  if (!distanceRows.length || distanceRows[0].length < b.length + 2) {
    distanceRows = [0, 1, 2].map(() => new Int32Array(b.length + 2));
  }
  let [beforePrevious, previous, row] = distanceRows;
  for (let j = 0; j <= b.length; j += 1) previous[j] = Math.min(j, over);
  previous[b.length + 1] = over;
  for (let i = 1; i <= a.length; i += 1) {
    const from = Math.max(1, i - limit);
    const to = Math.min(b.length, i + limit);
    row[from - 1] = from === 1 ? Math.min(i, over) : over;
    let smallest = row[from - 1];
    for (let j = from; j <= to; j += 1) {
      let edits = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        edits = Math.min(edits, beforePrevious[j - 2] + 1);
      }
      row[j] = Math.min(edits, over);
      smallest = Math.min(smallest, row[j]);
    }
    row[to + 1] = over;
    // Every later row is at least this row's smallest value: nothing below can come back.
    if (smallest > limit) return over;
    [beforePrevious, previous, row] = [previous, row, beforePrevious];
  }
  return previous[b.length];
}

// A vocabulary file ([[agents, word, ...], ...]) as lists: each word, the agents it is in, and
// its letter bits.
function readVocabulary(groups) {
  const file = { words: [], agents: [], bits: [] };
  for (const [agents, ...words] of groups) {
    for (const word of words) {
      file.words.push(word);
      file.agents.push(agents);
      file.bits.push(letterBits(word));
    }
  }
  return file;
}

// The search index in search/: docs.json on first use, then the chunks of words, the
// vocabulary files and the cards that queries need, each fetched once.
function searchIndex(base) {
  const root = new URL(".", base).href;
  const fetchOk = (path, read) => fetch(new URL(path, root)).then((response) => {
    if (!response.ok) throw new Error(`${response.status} for ${path}`);
    return read(response);
  });
  const once = (cache, key, load) => {
    if (!cache.has(key)) cache.set(key, load());
    return cache.get(key);
  };
  const hex = (text) =>
    [...new TextEncoder().encode(text)].map((b) => b.toString(16).padStart(2, "0")).join("");
  const chunks = new Map();
  let docs;
  const load = () => {
    docs ??= fetchOk("search/docs.json", (r) => r.json()).then((index) => ({
      ...index,
      chunks: new Set(index.chunks),
      split: new Set(index.split),
      vocabulary: new Set(index.vocabulary),
    }));
    return docs;
  };
  // The chunk `word` is in: its postings by word, and its words in order, where the words
  // starting with `word` are one run.
  const chunkOf = async (word) => {
    const index = await load();
    const chars = [...word];
    const two = hex(chars.slice(0, 2).join(""));
    const name = index.split.has(two) && chars.length > 2 ? hex(chars.slice(0, 3).join("")) : two;
    if (!index.chunks.has(name)) return null;
    return once(chunks, name, () => fetchOk(`search/terms/${name}.json`, (r) => r.json())
      .then((terms) => ({ terms, words: Object.keys(terms).sort() })));
  };
  // The agents with a word starting with `word`, each with its best score. The last few
  // words' are kept: the words before the one being typed are looked up at every keystroke.
  const lookedUp = new Map();
  const lookup = (word) => {
    if (lookedUp.has(word)) return lookedUp.get(word);
    const agents = chunkOf(word).then((chunk) => {
      const scores = new Map();
      if (!chunk) return scores;
      let low = 0;
      let high = chunk.words.length;
      while (low < high) {
        const middle = (low + high) >> 1;
        if (chunk.words[middle] < word) low = middle + 1;
        else high = middle;
      }
      for (let at = low; at < chunk.words.length && chunk.words[at].startsWith(word); at += 1) {
        const list = chunk.terms[chunk.words[at]];
        let id = 0;
        for (let i = 0; i < list.length; i += 2) {
          id += list[i];
          if ((scores.get(id) ?? -1) < list[i + 1]) scores.set(id, list[i + 1]);
        }
      }
      return scores;
    });
    lookedUp.set(word, agents);
    if (lookedUp.size > KEPT_LOOKUPS) lookedUp.delete(lookedUp.keys().next().value);
    return agents;
  };
  // The words of `length` characters (readVocabulary); none where no file is.
  const vocabularies = new Map();
  const vocabulary = async (length) => {
    const index = await load();
    if (!index.vocabulary.has(length)) return readVocabulary([]);
    return once(vocabularies, length, () =>
      fetchOk(`search/vocab/${length}.json`, (r) => r.json()).then(readVocabulary));
  };
  // The word the reader most likely meant by `word`, which starts no word of the index: the
  // nearest one within the edits its length allows, of those the one in the most agents, then
  // the first alphabetically; null when there is none.
  const correction = async (word) => {
    const typed = codePoints(word);
    if (typed.length < TYPO_MIN_CHARS || /\p{N}/u.test(word)) return null;
    const limit = editsAllowed(typed.length);
    const files = Promise.all(lengthsNear(typed.length).map(vocabulary));
    // The next keystroke most likely adds a character: the files it needs are fetched now.
    for (const n of lengthsNear(typed.length + 1)) vocabulary(n).catch(() => {});
    const bits = letterBits(word);
    let best = null;
    for (const file of await files) {
      file.words.forEach((candidate, k) => {
        if (bitCount(bits ^ file.bits[k]) > 2 * limit) return;
        const distance = editDistance(typed, codePoints(candidate), best?.distance ?? limit);
        if (distance > limit) return;
        const agents = file.agents[k];
        const better = !best || distance < best.distance || (distance === best.distance &&
          (agents > best.agents || (agents === best.agents && candidate < best.word)));
        if (better) best = { word: candidate, distance, agents };
      });
    }
    return best?.word ?? null;
  };
  // The agents that query word `word` finds, and the word it was corrected to (`meant`) when
  // it starts no word of the index and `forgive` allows.
  const match = async (word, forgive) => {
    const found = await lookup(word);
    if (found.size || !forgive) return { word, found };
    const meant = await correction(word);
    if (!meant) return { word, found };
    const near = new Map();
    for (const [id, score] of await lookup(meant)) near.set(id, score * CORRECTED_WEIGHT);
    return { word, meant, found: near };
  };
  // Agent `id`'s card is on the index page that lists it (ids are in the index's order): the
  // page is fetched once, and the card's links are made relative to the first page, where
  // results are shown.
  const listed = new Map();
  const card = async (id) => {
    const { card_pages: pages, names } = await load();
    const number = Math.floor(id / pages.size) + 1;
    const path = number === 1 ? pages.first : pages.later.replace("{n}", number);
    const listing = await once(listed, number, () => fetchOk(path, (r) => r.text())
      .then((html) => new DOMParser().parseFromString(html, "text/html")));
    const found = listing.querySelectorAll("[data-results] > li > .card")[id % pages.size];
    const slug = typeof names[id] === "string" ? names[id] : names[id][1];
    if (found?.dataset.slug !== slug) throw new Error(`no card for ${slug} on ${path}`);
    const copy = document.importNode(found, true);
    const page = new URL(path, root);
    for (const link of copy.querySelectorAll("[href]")) {
      const target = new URL(link.getAttribute("href"), page).href;
      if (target.startsWith(root)) link.setAttribute("href", target.slice(root.length));
    }
    return copy;
  };
  return { load, match, card };
}

// The agents matching every word, with the sum of their scores.
function matchAll(found) {
  const [smallest, ...others] = [...found].sort((a, b) => a.size - b.size);
  const scores = new Map();
  for (const [id, score] of smallest) {
    let total = score;
    for (const other of others) {
      const more = other.get(id);
      if (more === undefined) {
        total = -1;
        break;
      }
      total += more;
    }
    if (total >= 0) scores.set(id, total);
  }
  return scores;
}

// An agent's name, linked to its page. docs.json holds the name, or [name, slug] where they
// differ.
function nameLink(data, id) {
  const [name, slug] = typeof data.names[id] === "string"
    ? [data.names[id], data.names[id]]
    : data.names[id];
  const link = document.createElement("a");
  link.href = data.agent_url.replace("{slug}", slug);
  const label = document.createElement("span");
  label.className = "card-name";
  label.textContent = name;
  link.append(label);
  return link;
}

// An agent's card before the card itself arrives: its name, linked to its page.
function nameCard(data, id) {
  const card = document.createElement("article");
  card.className = "card is-pending";
  const main = document.createElement("div");
  main.className = "card-main";
  const title = document.createElement("h3");
  title.className = "card-title";
  const link = nameLink(data, id);
  link.className = "card-link";
  title.append(link);
  main.append(title);
  card.append(main);
  return card;
}

// The words of the agents' names, each once ({ codes, bits }), and each name's words as
// numbers in that list, made once.
function nameWords(data) {
  if (data.nameWords) return data.nameWords;
  const numbers = new Map();
  const words = [];
  const names = data.names.map((entry) =>
    queryWords(typeof entry === "string" ? entry : entry[0]).map((word) => {
      if (!numbers.has(word)) {
        const codes = codePoints(word);
        numbers.set(word, words.length);
        words.push({ word, codes, bits: letterBits(word) });
      }
      return numbers.get(word);
    }));
  data.nameWords = { words, names };
  return data.nameWords;
}

// The agents whose names are nearest the query words, for a query that finds nothing: each
// query word costs the edits to the name's nearest word (at most its own length); the names
// costing least come first, then those nearest the whole query, then in name order. Names
// that differ only in numbers (`x`, `x-2`) are offered once.
function nearestNames(data, query, count) {
  const { words, names } = nameWords(data);
  // Per query word, its cost for each name word.
  const costs = query.map((typed) => {
    const codes = codePoints(typed);
    const bits = letterBits(typed);
    return words.map((other) => (Math.ceil(bitCount(bits ^ other.bits) / 2) >= codes.length
      ? codes.length
      : Math.min(codes.length, editDistance(codes, other.codes, codes.length))));
  });
  const ranked = names.map((numbers, id) => {
    let cost = 0;
    for (const table of costs) cost += Math.min(Infinity, ...numbers.map((n) => table[n]));
    return { id, cost, numbers };
  });
  ranked.sort((a, b) => a.cost - b.cost || a.id - b.id);
  // The letters of a name, without its numbers: what is offered once, and compared whole.
  const letters = (numbers) => numbers.map((n) => words[n].word).filter((w) => !/\p{N}/u.test(w)).join(" ");
  const whole = codePoints(query.join(" "));
  const cheapest = ranked.filter((r) => r.cost <= ranked[Math.min(count, ranked.length) - 1]?.cost);
  for (const r of cheapest) {
    const name = codePoints(letters(r.numbers));
    r.distance = editDistance(whole, name, Math.max(whole.length, name.length));
  }
  cheapest.sort((a, b) => a.cost - b.cost || a.distance - b.distance || a.id - b.id);
  const seen = new Set();
  const offered = [];
  for (const r of [...cheapest, ...ranked.slice(cheapest.length)]) {
    const key = letters(r.numbers);
    if (seen.has(key)) continue;
    seen.add(key);
    offered.push(r.id);
    if (offered.length === count) break;
  }
  return offered;
}

function pageNumbers(current, count) {
  const numbers = [];
  for (let n = 1; n <= count; n += 1) {
    if (n === 1 || n === count || Math.abs(n - current) <= PAGE_NEIGHBOURS) numbers.push(n);
    else if (numbers[numbers.length - 1] !== null) numbers.push(null);
  }
  return numbers;
}

function setUpBrowse() {
  const form = document.querySelector("[data-search]");
  // The search index is fetched, which browsers refuse for pages opened from disk: there the
  // index stays the plain, paginated list.
  if (!form || location.protocol === "file:") return;
  const input = form.elements.q;
  const sortSelect = form.elements.sort;
  const results = document.querySelector("[data-results]");
  const status = document.querySelector("[data-status]");
  const empty = document.querySelector("[data-empty]");
  const pagination = document.querySelector("[data-pagination]");
  const heading = document.getElementById("results-title");
  const correction = document.querySelector("[data-correction]");
  const nearest = document.querySelector("[data-nearest]");
  const filtersBox = form.querySelector("[data-filters]");
  const activeLabel = form.querySelector("[data-filters-active]");
  const pageSize = Number(results.dataset.pageSize);
  const facets = [...form.querySelectorAll("[data-facet]")].map((fieldset) => ({
    key: fieldset.dataset.facet,
    combine: fieldset.dataset.combine,
    boxes: [...fieldset.querySelectorAll("input[type=checkbox]")],
  }));
  const initial = {
    results: results.innerHTML,
    status: status.textContent,
    heading: heading.textContent,
    pagination: pagination.innerHTML,
    paginationHidden: pagination.hidden,
    counts: facets.flatMap((f) => f.boxes.map((box) => [box, box.parentElement.querySelector("[data-count]").textContent])),
  };

  form.hidden = false;
  if (window.matchMedia("(min-width: 60rem)").matches) filtersBox.open = true;

  const index = searchIndex(location.href);

  const readState = () => {
    const params = new URLSearchParams(location.search);
    return {
      q: params.get("q") || "",
      exact: params.get("exact") === "1",
      sort: SORTS[params.get("sort")] ? params.get("sort") : "",
      page: Math.max(1, Number.parseInt(params.get("page"), 10) || 1),
      filters: Object.fromEntries(facets.map((f) => [f.key, params.getAll(f.key)])),
    };
  };
  // The state last shown: the exact spelling, once asked for, holds until the query changes.
  let current = readState();
  const stateFromForm = (page) => ({
    q: input.value,
    exact: current.exact && input.value === current.q,
    sort: sortSelect.value,
    page,
    filters: Object.fromEntries(
      facets.map((f) => [f.key, f.boxes.filter((b) => b.checked).map((b) => b.value)]),
    ),
  });
  const showState = (state) => {
    input.value = state.q;
    sortSelect.value = state.sort;
    for (const f of facets) {
      for (const box of f.boxes) box.checked = state.filters[f.key].includes(box.value);
    }
  };
  const urlOf = (state) => {
    const params = new URLSearchParams();
    if (state.q.trim()) params.set("q", state.q);
    if (state.q.trim() && state.exact) params.set("exact", "1");
    if (state.sort) params.set("sort", state.sort);
    for (const f of facets) for (const value of state.filters[f.key]) params.append(f.key, value);
    if (state.page > 1) params.set("page", String(state.page));
    const query = params.toString();
    return query ? `?${query}` : location.pathname;
  };
  // A query without a word to look for (empty, or one letter) lists every agent, as the page does.
  const isPlainList = (state) =>
    !queryWords(state.q).length && (!state.sort || state.sort === "name") && state.page === 1 &&
    facets.every((f) => !state.filters[f.key].length);

  const showCounts = (countsFor) => {
    for (const f of facets) {
      const counts = countsFor(f) || {};
      for (const box of f.boxes) {
        const count = counts[box.value] || 0;
        // Hundreds of tool values: only the counts that change are written.
        const shown = box.parentElement.querySelector("[data-count]");
        if (shown.textContent !== String(count)) shown.textContent = String(count);
        box.parentElement.classList.toggle("is-zero", count === 0 && !box.checked);
      }
    }
  };
  const showActive = (state) => {
    const active = facets.reduce((n, f) => n + state.filters[f.key].length, 0);
    activeLabel.textContent = active ? `(${active} on)` : "";
  };

  const showPlainList = () => {
    results.innerHTML = initial.results;
    status.textContent = initial.status;
    heading.textContent = initial.heading;
    pagination.innerHTML = initial.pagination;
    pagination.hidden = initial.paginationHidden;
    empty.hidden = true;
    correction.hidden = true;
    nearest.hidden = true;
    for (const [box, count] of initial.counts) {
      box.parentElement.querySelector("[data-count]").textContent = count;
      box.parentElement.classList.remove("is-zero");
    }
  };

  const showPages = (state, count) => {
    pagination.replaceChildren();
    pagination.hidden = count <= 1;
    if (count <= 1) return;
    const list = document.createElement("ul");
    const item = (page, text, rel) => {
      const li = document.createElement("li");
      const a = document.createElement("a");
      a.href = urlOf({ ...state, page });
      a.textContent = text;
      if (rel) a.rel = rel;
      if (page === state.page && !rel) a.setAttribute("aria-current", "page");
      a.addEventListener("click", (event) => {
        event.preventDefault();
        go({ ...state, page }, true);
        heading.scrollIntoView({ block: "start" });
      });
      li.append(a);
      list.append(li);
    };
    if (state.page > 1) item(state.page - 1, "← Previous", "prev");
    for (const n of pageNumbers(state.page, count)) {
      if (n === null) {
        const gap = document.createElement("li");
        gap.className = "gap";
        gap.setAttribute("aria-hidden", "true");
        gap.textContent = "…";
        list.append(gap);
      } else {
        item(n, String(n));
      }
    }
    if (state.page < count) item(state.page + 1, "Next →", "next");
    pagination.append(list);
  };

  // "Showing results for …" when a word was corrected, with a link to the words as typed.
  const showCorrection = (state, matches) => {
    correction.hidden = !matches.some((m) => m.meant);
    if (correction.hidden) return;
    const meant = document.createElement("strong");
    meant.textContent = matches.map((m) => m.meant ?? m.word).join(" ");
    const exactState = { ...state, exact: true, page: 1 };
    const exact = document.createElement("a");
    exact.href = urlOf(exactState);
    exact.textContent = `Search instead for ${state.q.trim()}`;
    exact.addEventListener("click", (event) => {
      event.preventDefault();
      go(exactState, true);
    });
    correction.replaceChildren("Showing results for ", meant, ". ", exact);
  };

  // The nearest names, when no agent has the words.
  const showNearest = (data, words) => {
    const list = nearest.querySelector("ul");
    list.replaceChildren(...nearestNames(data, words, NEAREST_NAMES).map((id) => {
      const li = document.createElement("li");
      li.append(nameLink(data, id));
      return li;
    }));
    nearest.hidden = false;
  };

  const unavailable = () => {
    status.textContent = "Search is not available here; the list below is complete.";
    results.removeAttribute("aria-busy");
  };

  let sequence = 0;
  // Runs the search for `state` and shows it; `started` is when the reader acted, so that the
  // time shown is what the reader waited.
  const run = async (state, started) => {
    const mine = ++sequence;
    showActive(state);
    current = state;
    if (isPlainList(state)) {
      showPlainList();
      status.dataset.ms = status.dataset.cardsMs = String(Math.round(performance.now() - started));
      results.removeAttribute("aria-busy");
      return;
    }
    results.setAttribute("aria-busy", "true");
    let data;
    let matches = [];
    try {
      data = await index.load();
      matches = await Promise.all(queryWords(state.q).map((word) => index.match(word, !state.exact)));
    } catch {
      unavailable();
      return;
    }
    if (mine !== sequence) return;
    const scores = matches.length ? matchAll(matches.map((m) => m.found)) : null;
    // What the results match: the words as corrected.
    const words = matches.map((m) => m.meant ?? m.word);

    // Facets: a row of docs.json holds [words, examples, quality, risk, then one value (or a list)
    // per facet].
    const has = (row, position, value) =>
      Array.isArray(row[position]) ? row[position].includes(value) : row[position] === value;
    const tests = data.facets.map((facet, i) => {
      const numbers = new Map(facet.values.map((value, n) => [value, n]));
      const combine = facets.find((f) => f.key === facet.key)?.combine;
      const wanted = state.filters[facet.key]?.map((v) => numbers.get(v)) ?? [];
      const position = FIRST_FACET + i;
      return {
        key: facet.key,
        position,
        widens: combine === "any",
        counts: new Array(facet.values.length).fill(0),
        values: facet.values,
        passes: (row) => !wanted.length || (combine === "all"
          ? wanted.every((n) => has(row, position, n))
          : wanted.some((n) => has(row, position, n))),
      };
    });
    const tally = (test, row) => {
      const value = row[test.position];
      for (const n of Array.isArray(value) ? value : [value]) test.counts[n] += 1;
    };
    // Counts say how many agents ticking the value would show: for a facet whose values widen
    // the results ("any"), the agents that pass every other facet.
    const matched = [];
    for (const id of scores ? scores.keys() : data.docs.keys()) {
      const row = data.docs[id];
      let failures = 0;
      let failed;
      for (const test of tests) {
        if (test.passes(row)) continue;
        failed = test;
        if (++failures > 1) break;
      }
      if (!failures) {
        matched.push(id);
        for (const test of tests) tally(test, row);
      } else if (failures === 1 && failed.widens) {
        tally(failed, row);
      }
    }
    const order = state.sort || (scores ? "" : "name");
    matched.sort(order
      ? SORTS[order](data.docs)
      : (a, b) => scores.get(b) - scores.get(a) || a - b);

    const total = matched.length;
    const pages = Math.max(1, Math.ceil(total / pageSize));
    const page = Math.min(state.page, pages);
    const shown = matched.slice((page - 1) * pageSize, page * pageSize);
    const pattern = words.length
      ? new RegExp(`(${words.map(escapeRegExp).join("|")})`, "giu")
      : null;

    // The results are listed by name at once; each card replaces its name when it arrives.
    const items = shown.map((id) => {
      const li = document.createElement("li");
      li.append(nameCard(data, id));
      if (pattern) highlight(li.querySelector(".card-name"), pattern);
      return li;
    });
    results.replaceChildren(...items);
    empty.hidden = total > 0;
    showCorrection(state, matches);
    nearest.hidden = true;
    if (scores?.size === 0) showNearest(data, words);
    const countsOf = new Map(tests.map((test) => [
      test.key, Object.fromEntries(test.values.map((value, n) => [value, test.counts[n]])),
    ]));
    showCounts((f) => countsOf.get(f.key));
    showPages({ ...state, page }, pages);
    heading.textContent = total ? "Matching agents" : "No matching agents";
    const ms = Math.round(performance.now() - started);
    status.dataset.ms = String(ms);
    const range = pages > 1 ? `, ${(page - 1) * pageSize + 1}–${(page - 1) * pageSize + shown.length} shown` : "";
    status.textContent = `${total} agent${total === 1 ? "" : "s"}${range} · ${ms} ms`;

    let cards;
    try {
      cards = await Promise.all(shown.map(index.card));
    } catch {
      unavailable();
      return;
    }
    if (mine !== sequence) return;
    cards.forEach((card, n) => {
      const li = items[n];
      li.replaceChildren(card);
      if (pattern) {
        for (const part of li.querySelectorAll(".card-name, .card-label, .card-summary")) {
          highlight(part, pattern);
        }
        // Where the words are not in the name or summary, say where they are.
        if (!li.querySelector("mark")) {
          const note = document.createElement("p");
          note.className = "card-excerpt";
          note.textContent = "Matches in its examples or instructions.";
          li.querySelector(".card-main")?.append(note);
        }
      }
    });
    status.dataset.cardsMs = String(Math.round(performance.now() - started));
    results.removeAttribute("aria-busy");
  };

  const go = (state, push, started = performance.now()) => {
    const url = urlOf(state);
    if (url !== (location.search || location.pathname)) {
      history[push ? "pushState" : "replaceState"](null, "", url);
    }
    return run(state, started);
  };

  // The index is fetched when the reader reaches for the search or the filters.
  form.addEventListener("focusin", index.load, { once: true });
  form.addEventListener("pointerdown", index.load, { once: true });
  // Typing replaces the history entry, so that back leaves the search rather than each letter.
  input.addEventListener("input", (event) => go(stateFromForm(1), false, event.timeStamp));
  form.addEventListener("change", (event) => {
    if (event.target === input) return;
    go(stateFromForm(1), true, event.timeStamp);
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  form.querySelector("[data-clear]").addEventListener("click", (event) => {
    for (const f of facets) for (const box of f.boxes) box.checked = false;
    go(stateFromForm(1), true, event.timeStamp);
  });
  window.addEventListener("popstate", () => {
    const state = readState();
    showState(state);
    run(state, performance.now());
  });

  // Keyboard: `/` focuses the search; ↓ and ↑ move between the search box and the results.
  const cardLinks = () => [...results.querySelectorAll(".card-link")];
  document.addEventListener("keydown", (event) => {
    const target = event.target;
    const typing = target.closest?.("input, textarea, select, [contenteditable]");
    if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      input.focus();
      input.select();
      return;
    }
    if (event.key === "Escape" && target === input && input.value) {
      input.value = "";
      go(stateFromForm(1), false, event.timeStamp);
      return;
    }
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const links = cardLinks();
    if (target === input && event.key === "ArrowDown" && links.length) {
      event.preventDefault();
      links[0].focus();
      return;
    }
    const at = links.indexOf(target);
    if (at < 0) return;
    event.preventDefault();
    const next = at + (event.key === "ArrowDown" ? 1 : -1);
    if (next < 0) input.focus();
    else links[Math.min(next, links.length - 1)].focus();
  });

  const state = readState();
  showState(state);
  if (!isPlainList(state)) run(state, performance.now());
}

// "Tick to compare": the ticked agents (2 to 4, kept for the visit across index pages) open in
// the compare view, whose address holds them.
const PICK_KEY = "agentdex-picked";
const MAX_PICKED = 4;

function setUpPicking() {
  const bar = document.querySelector("[data-pick-bar]");
  if (!bar) return;
  const count = bar.querySelector(".pick-count");
  const open = bar.querySelector("[data-pick-open]");
  let picked = JSON.parse(sessionStorage.getItem(PICK_KEY) || "[]");
  const show = () => {
    sessionStorage.setItem(PICK_KEY, JSON.stringify(picked));
    for (const box of document.querySelectorAll("[data-pick]")) {
      box.checked = picked.includes(box.dataset.pick);
      box.disabled = !box.checked && picked.length >= MAX_PICKED;
      box.closest(".card-pick").hidden = false;
    }
    bar.hidden = picked.length === 0;
    count.textContent = picked.length < 2
      ? `${picked.length} agent ticked: tick at least 2 to compare (up to ${MAX_PICKED}).`
      : `${picked.length} agents ticked.`;
    open.href = `${bar.dataset.root}compare/index.html?agents=${picked.map(encodeURIComponent).join(",")}`;
    open.setAttribute("aria-disabled", String(picked.length < 2));
  };
  document.addEventListener("change", (event) => {
    const slug = event.target.dataset && event.target.dataset.pick;
    if (!slug) return;
    picked = event.target.checked ? [...picked, slug].slice(0, MAX_PICKED) : picked.filter((s) => s !== slug);
    show();
  });
  open.addEventListener("click", (event) => {
    if (picked.length < 2) event.preventDefault();
  });
  bar.querySelector("[data-pick-clear]").addEventListener("click", () => {
    picked = [];
    show();
  });
  // Search results are cards drawn later: tick theirs too (only when cards arrive, since
  // show() itself changes text in the page).
  const addsCards = (mutations) => mutations.some((m) => [...m.addedNodes].some((node) =>
    node.nodeType === Node.ELEMENT_NODE && (node.matches("[data-pick]") || node.querySelector("[data-pick]"))));
  new MutationObserver((mutations) => {
    if (addsCards(mutations)) show();
  }).observe(document.querySelector("main"), { childList: true, subtree: true });
  show();
}

document.addEventListener("DOMContentLoaded", () => {
  setUpPicking();
  setUpThemeToggle();
  setUpCopyButtons();
  setUpSourceView();
  addHeadingAnchors();
  absolutizeInstallCommand();
  setUpBrowse();
});

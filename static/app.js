// agentdex: progressive enhancements; every page works without this file.
//
// - the light/dark toggle (theme.js applies the saved choice before the page paints);
// - copy buttons, and the install command made absolute when the site's URL is not configured;
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

// The text of an element, with the line breaks its `data-line-endings` names: the HTML parser
// reads CR LF and CR as LF, so the raw file's `<pre>` says which breaks were CR LF (`c`), CR (`r`)
// or LF (`n`), one letter for all of them or one per break (render.rs, `line_endings`).
const LINE_BREAKS = { c: "\r\n", r: "\r", n: "\n" };
function exactText(element) {
  const endings = element.dataset.lineEndings;
  if (!endings) return element.textContent;
  let index = 0;
  const letter = () => (endings.length === 1 ? endings : endings[index++]);
  return element.textContent.replace(/\n/g, () => LINE_BREAKS[letter()] || "\n");
}

// Copy buttons: `data-copy` names the element whose text goes on the clipboard: the install
// command, or the raw file as shown on the page, its exact text (line endings included).
function setUpCopyButtons() {
  const status = document.querySelector(".copy-status");
  let timer;
  for (const button of document.querySelectorAll("[data-copy]")) {
    const source = document.getElementById(button.dataset.copy);
    if (!source || !navigator.clipboard) continue;
    const text = () => exactText(source);
    button.hidden = false;
    button.addEventListener("click", async () => {
      let message;
      try {
        await navigator.clipboard.writeText(text());
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
// each row of docs.json starts with [words, examples].
const SORTS = {
  name: () => (a, b) => a - b,
  longest: (docs) => (a, b) => docs[b][0] - docs[a][0] || a - b,
  shortest: (docs) => (a, b) => docs[a][0] - docs[b][0] || a - b,
  examples: (docs) => (a, b) => docs[b][1] - docs[a][1] || a - b,
};
const PAGE_NEIGHBOURS = 2;

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

// The search index in search/: docs.json on first use, then the chunks of words and the cards
// that queries need, each fetched once.
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
    }));
    return docs;
  };
  // The agents with a word starting with `word`, each with its best score.
  const lookup = async (word) => {
    const index = await load();
    const chars = [...word];
    const two = hex(chars.slice(0, 2).join(""));
    const name = index.split.has(two) && chars.length > 2 ? hex(chars.slice(0, 3).join("")) : two;
    const found = new Map();
    if (!index.chunks.has(name)) return found;
    const terms = await once(chunks, name, () => fetchOk(`search/terms/${name}.json`, (r) => r.json()));
    for (const [term, list] of Object.entries(terms)) {
      if (!term.startsWith(word)) continue;
      let id = 0;
      for (let i = 0; i < list.length; i += 2) {
        id += list[i];
        if ((found.get(id) ?? -1) < list[i + 1]) found.set(id, list[i + 1]);
      }
    }
    return found;
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
  return { load, lookup, card };
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

// An agent's card before the card itself arrives: its name, linked to its page. docs.json
// holds the name, or [name, slug] where they differ.
function nameCard(data, id) {
  const [name, slug] = typeof data.names[id] === "string"
    ? [data.names[id], data.names[id]]
    : data.names[id];
  const card = document.createElement("article");
  card.className = "card is-pending";
  const main = document.createElement("div");
  main.className = "card-main";
  const title = document.createElement("h3");
  title.className = "card-title";
  const link = document.createElement("a");
  link.className = "card-link";
  link.href = data.agent_url.replace("{slug}", slug);
  const label = document.createElement("span");
  label.className = "card-name";
  label.textContent = name;
  link.append(label);
  title.append(link);
  main.append(title);
  card.append(main);
  return card;
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
      sort: SORTS[params.get("sort")] ? params.get("sort") : "",
      page: Math.max(1, Number.parseInt(params.get("page"), 10) || 1),
      filters: Object.fromEntries(facets.map((f) => [f.key, params.getAll(f.key)])),
    };
  };
  const stateFromForm = (page) => ({
    q: input.value,
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
    if (state.sort) params.set("sort", state.sort);
    for (const f of facets) for (const value of state.filters[f.key]) params.append(f.key, value);
    if (state.page > 1) params.set("page", String(state.page));
    const query = params.toString();
    return query ? `?${query}` : location.pathname;
  };
  const isPlainList = (state) =>
    !state.q.trim() && (!state.sort || state.sort === "name") && state.page === 1 &&
    facets.every((f) => !state.filters[f.key].length);

  const showCounts = (countsFor) => {
    for (const f of facets) {
      const counts = countsFor(f) || {};
      for (const box of f.boxes) {
        const count = counts[box.value] || 0;
        box.parentElement.querySelector("[data-count]").textContent = String(count);
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
    if (isPlainList(state)) {
      showPlainList();
      results.removeAttribute("aria-busy");
      return;
    }
    results.setAttribute("aria-busy", "true");
    let data;
    let scores = null;
    const words = queryWords(state.q);
    try {
      data = await index.load();
      if (words.length) scores = matchAll(await Promise.all(words.map(index.lookup)));
    } catch {
      unavailable();
      return;
    }
    if (mine !== sequence) return;

    // Facets: a row of docs.json holds [words, examples, then one value (or a list) per facet].
    const has = (row, position, value) =>
      Array.isArray(row[position]) ? row[position].includes(value) : row[position] === value;
    const tests = data.facets.map((facet, i) => {
      const numbers = new Map(facet.values.map((value, n) => [value, n]));
      const combine = facets.find((f) => f.key === facet.key)?.combine;
      const wanted = state.filters[facet.key]?.map((v) => numbers.get(v)) ?? [];
      return {
        key: facet.key,
        position: 2 + i,
        widens: combine === "any",
        counts: new Array(facet.values.length).fill(0),
        values: facet.values,
        passes: (row) => !wanted.length || (combine === "all"
          ? wanted.every((n) => has(row, 2 + i, n))
          : wanted.some((n) => has(row, 2 + i, n))),
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
      const failed = tests.filter((test) => !test.passes(row));
      if (!failed.length) {
        matched.push(id);
        for (const test of tests) tally(test, row);
      } else if (failed.length === 1 && failed[0].widens) {
        tally(failed[0], row);
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
  absolutizeInstallCommand();
  setUpBrowse();
});

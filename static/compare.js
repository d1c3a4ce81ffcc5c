// agentdex: the compare view, built in the browser from agents.json. The selection lives in the
// address (?agents=a,b,c), so a comparison can be shared and reloaded; it works under any
// sub-path because every URL is relative to the page.
"use strict";

const MAX_AGENTS = 4;

function selectionFromUrl() {
  const param = new URLSearchParams(location.search).get("agents") || "";
  return [...new Set(param.split(",").map((s) => s.trim()).filter(Boolean))].slice(0, MAX_AGENTS);
}

function writeUrl(ids) {
  const url = new URL(location.href);
  if (ids.length) url.searchParams.set("agents", ids.join(","));
  else url.searchParams.delete("agents");
  history.pushState({ ids }, "", url);
}

function element(tag, attributes = {}, text) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function toolsText(agent) {
  if (agent.tools === null) return "inherits all tools";
  return agent.tools.length === 1 ? "1 tool" : `${agent.tools.length} tools`;
}

// The rows of the matrix: [label, value for each agent, the value that decides "differs", id].
function rows(agents) {
  const list = [
    ["Name", (a) => a.name],
    ["Family", (a) => a.family],
    ["Model", (a) => (a.model_set ? a.model : "inherit (not set)"), (a) => a.model, "row_model"],
    ["Tools", toolsText, toolsText, "row_tools"],
  ];
  for (const [id] of CAPABILITIES) {
    if (!agents.some((a) => a.verdict.capabilities.includes(id))) continue;
    const has = (a) => (a.verdict.capabilities.includes(id) ? "yes" : "no");
    list.push([`can ${id}`, has, has, `row_cap_${id}`]);
  }
  const tools = [];
  for (const agent of agents) for (const tool of agent.tools || []) if (!tools.includes(tool)) tools.push(tool);
  for (const tool of tools) {
    list.push([`tool ${tool}`, (a) => (a.tools === null ? "all (inherited)" : a.tools.includes(tool) ? "✓" : "–")]);
  }
  const examples = (a) => String(a.examples.length);
  const length = (a) => `${a.words} words, ~${a.tokens} tokens`;
  list.push(
    ["Color", (a) => a.color || "none"],
    ["Examples", examples, examples, "row_examples"],
    ["Return format", (a) => (a.return_format ? "yes" : "none")],
    ["Length", length, length, "row_length"],
    ["Warnings", (a) => String(a.warnings.length)],
    ["Source", (a) => a.source],
  );
  return list;
}

// The verdict, by the rules of src/catalog/compare/verdict.rs, on the facts agents.json carries
// (`verdict` of each agent): a fact is named when at most half of the agents share it.
const CAPABILITIES = [
  ["read", "file reading", "no file reading"],
  ["edit", "file editing", "no file editing"],
  ["shell", "shell commands", "no shell commands"],
  ["search", "file search", "no file search"],
  ["web", "web access", "no web access"],
  ["spawn", "sub-agents", "no sub-agents"],
  ["mcp", "MCP tools", "no MCP tools"],
  ["todo", "a to-do list", "no to-do list"],
];
const MODELS = { opus: "the Opus model", sonnet: "the Sonnet model", haiku: "the Haiku model", inherit: "the session’s model" };
const MAX_PHRASES = 4;
const MAX_CHARS = 120;

const minority = (count, n) => count * 2 <= n && count < n;
const sharing = (all, index, value) => all.filter((f) => value(f) === value(all[index])).length;

// Each returns [text, where it links] or null; `at` says where an agent's own facts are.
const PHRASES = [
  (all, i) => {
    if (!minority(sharing(all, i, (f) => f.model), all.length)) return null;
    return [MODELS[all[i].model] || `the model “${all[i].model}”`, "#row_model"];
  },
  (all, i) => {
    if (!minority(sharing(all, i, (f) => f.tools !== null), all.length)) return null;
    const n = all[i].tools;
    const text = n === null ? "every tool (inherited)" : n === 0 ? "no tools" : n === 1 ? "1 listed tool only" : `${n} listed tools only`;
    return [text, "#row_tools"];
  },
  (all, i) => {
    for (const [id, yes, no] of CAPABILITIES) {
      const has = (f) => f.capabilities.includes(id);
      if (minority(sharing(all, i, has), all.length)) return [has(all[i]) ? yes : no, `#row_cap_${id}`];
    }
    return null;
  },
  (all, i, at) => {
    const shape = all[i].return_shape;
    if (shape === null || !minority(sharing(all, i, (f) => f.return_shape !== null), all.length)) return null;
    return [`its return format (${shape})`, at(i, "return-format")];
  },
  (all, i) => {
    const most = Math.max(...all.map((f) => f.examples));
    const own = all[i].examples;
    if (own === 0 || own < most || !minority(sharing(all, i, (f) => f.examples), all.length)) return null;
    return [own === 1 ? "the only example" : `the most examples (${own})`, "#row_examples"];
  },
  (all, i) => {
    const own = all[i].tokens;
    if (sharing(all, i, (f) => f.tokens) > 1) return null;
    const which = all.every((f) => f.tokens >= own) ? "shortest" : all.every((f) => f.tokens <= own) ? "longest" : null;
    return which && [`the ${which} prompt (~${own} tokens)`, "#row_length"];
  },
  (all, i, at) => {
    const only = all[i].sections.filter((title) => all.every((f, other) => other === i || !f.sections.includes(title))).length;
    if (only === 0) return null;
    return [only === 1 ? "1 section no other has" : `${only} sections no other has`, at(i, "instructions")];
  },
];

function verdictPhrases(all, at) {
  return all.map((_, index) => {
    const chosen = [];
    let chars = 0;
    for (const fact of PHRASES) {
      const found = fact(all, index, at);
      if (!found) continue;
      if (chosen.length === MAX_PHRASES || chars + found[0].length > MAX_CHARS) break;
      chars += found[0].length;
      chosen.push(found);
    }
    return chosen;
  });
}

// One row per column: agents that are the same file but for their name share one.
function renderVerdict(table, agents, root) {
  const columns = [];
  for (const agent of agents) {
    const column = columns.find((c) => c[0].verdict.key === agent.verdict.key);
    if (column) column.push(agent);
    else columns.push([agent]);
  }
  const at = (index, id) => `${root}${columns[index][0].url}#${id}`;
  const phrases = verdictPhrases(columns.map((c) => c[0].verdict), at);
  const body = element("tbody");
  columns.forEach((column, index) => {
    const row = element("tr");
    const head = element("th", { scope: "row" });
    column.forEach((agent, k) => {
      if (k > 0) head.append(element("br"));
      head.append(element("a", { href: root + agent.url }, agent.id));
    });
    const cell = element("td");
    if (column.length > 1) {
      const names = column.map((a) => a.id);
      const what = column.every((a) => a.name === column[0].name) ? "location" : "name";
      const named = names.length > 4 ? `${names.slice(0, 3).join(", ")} and ${names.length - 3} others` : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
      cell.append(element("span", { class: "verdict-same" }, `${named} are the same agent except for their ${what}.`), " ");
    }
    const own = phrases[index];
    if (own.length === 0) cell.append(element("span", { class: "muted" }, "Nothing compared below sets it apart."));
    else {
      cell.append("Pick this one if you want ");
      own.forEach(([text, href], k) => {
        if (k > 0) cell.append(k === own.length - 1 ? " and " : ", ");
        cell.append(element("a", { href }, text));
      });
      cell.append(".");
    }
    row.append(head, cell);
    body.append(row);
  });
  table.replaceChildren(body);
}

function renderMatrix(table, agents, root) {
  table.replaceChildren();
  const head = element("thead");
  const headRow = element("tr");
  headRow.append(element("th", { scope: "col", class: "corner" }, "Aspect"));
  for (const agent of agents) {
    const cell = element("th", { scope: "col" });
    cell.append(element("a", { href: root + agent.url }, agent.name));
    cell.append(element("code", { class: "col-path" }, agent.id));
    headRow.append(cell);
  }
  head.append(headRow);
  const body = element("tbody");
  for (const [label, show, key = show, id] of rows(agents)) {
    const keys = agents.map(key);
    const differs = keys.some((k) => k !== keys[0]);
    const row = element("tr", { class: differs ? "differs" : "same" });
    if (id) row.id = id;
    const header = element("th", { scope: "row" });
    header.append(element("span", { class: "row-label" }, label), " ");
    header.append(element("span", { class: `badge ${differs ? "badge-differs" : "badge-same"}` }, differs ? "differs" : "same"));
    row.append(header);
    for (const agent of agents) row.append(element("td", {}, show(agent)));
    body.append(row);
  }
  table.append(head, body);
}

// Word-level diff by longest common subsequence; long texts fall back to lines.
function tokens(text, byLine) {
  return byLine ? text.split(/(?<=\n)/) : text.split(/(\s+)/).filter((t) => t !== "");
}

function diff(before, after) {
  const MAX_CELLS = 4_000_000;
  let a = tokens(before, false);
  let b = tokens(after, false);
  if (a.length * b.length > MAX_CELLS) {
    a = tokens(before, true);
    b = tokens(after, true);
  }
  if (a.length * b.length > MAX_CELLS) return [[["delete", before]], [["insert", after]]];
  const width = b.length + 1;
  const lengths = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i * width + j] = a[i] === b[j]
        ? lengths[(i + 1) * width + j + 1] + 1
        : Math.max(lengths[(i + 1) * width + j], lengths[i * width + j + 1]);
    }
  }
  const left = [];
  const right = [];
  const push = (side, op, text) => {
    const last = side[side.length - 1];
    if (last && last[0] === op) last[1] += text;
    else side.push([op, text]);
  };
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      push(left, "equal", a[i]);
      push(right, "equal", b[j]);
      i++;
      j++;
    } else if (j >= b.length || (i < a.length && lengths[(i + 1) * width + j] >= lengths[i * width + j + 1])) {
      push(left, "delete", a[i++]);
    } else {
      push(right, "insert", b[j++]);
    }
  }
  return [left, right];
}

function renderSide(label, spans, mark, tag) {
  const side = element("div", { class: "diff-side" });
  side.append(element("p", { class: "diff-side-label" }, label));
  const text = element("p", { class: "diff-text" });
  for (const [op, value] of spans) {
    text.append(op === mark ? element(tag, { class: tag === "del" ? "diff-del" : "diff-ins" }, value) : value);
  }
  side.append(text);
  return side;
}

async function renderDiff(container, first, second, root) {
  const [before, after] = await Promise.all(
    [first, second].map((agent) => fetch(root + agent.raw_url).then((r) => r.text())),
  );
  const [left, right] = diff(before, after);
  container.replaceChildren(
    renderSide(first.name + " (" + first.id + ")", left, "delete", "del"),
    renderSide(second.name + " (" + second.id + ")", right, "insert", "ins"),
  );
}

async function setUpPicker() {
  const picker = document.getElementById("picker");
  if (!picker) return;
  const root = picker.dataset.root;
  const form = picker.querySelector(".picker-form");
  const input = picker.querySelector("#picker-add");
  const options = picker.querySelector("#picker-agents");
  const status = picker.querySelector(".picker-status");
  const selection = picker.querySelector(".picker-selection");
  const [verdictSection, matrixSection, diffSection] = picker.querySelectorAll("section");
  const catalog = await fetch(root + "agents.json").then((r) => r.json());
  const byId = new Map(catalog.agents.map((agent) => [agent.id, agent]));
  for (const agent of catalog.agents) options.append(element("option", { value: agent.id }, `${agent.name} (${agent.source})`));
  form.hidden = false;

  let ids = [];
  const show = () => {
    ids = selectionFromUrl().filter((id) => byId.has(id));
    const agents = ids.map((id) => byId.get(id));
    selection.replaceChildren(...agents.map((agent) => {
      const item = element("li");
      item.append(element("a", { href: root + agent.url }, agent.name), " ", element("code", {}, agent.id), " ");
      const remove = element("button", { type: "button", class: "button", "data-remove": agent.id }, "Remove");
      remove.setAttribute("aria-label", `Remove ${agent.id}`);
      item.append(remove);
      return item;
    }));
    status.textContent = agents.length < 2
      ? `Pick ${2 - agents.length} more agent${agents.length === 1 ? "" : "s"} to compare (up to ${MAX_AGENTS}).`
      : `Comparing ${agents.length} agents.`;
    verdictSection.hidden = agents.length < 2;
    matrixSection.hidden = agents.length < 2;
    diffSection.hidden = agents.length < 2;
    if (agents.length >= 2) {
      renderVerdict(picker.querySelector(".picker-verdict"), agents, root);
      renderMatrix(picker.querySelector(".picker-matrix"), agents, root);
      renderDiff(picker.querySelector(".picker-diff"), agents[0], agents[1], root);
    }
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const id = input.value.trim();
    if (!byId.has(id)) {
      status.textContent = `No agent “${id}”: pick one from the list.`;
      return;
    }
    if (!ids.includes(id) && ids.length < MAX_AGENTS) writeUrl([...ids, id]);
    input.value = "";
    show();
  });
  selection.addEventListener("click", (event) => {
    const id = event.target.dataset && event.target.dataset.remove;
    if (id) {
      writeUrl(ids.filter((other) => other !== id));
      show();
    }
  });
  window.addEventListener("popstate", show);
  show();
}

document.addEventListener("DOMContentLoaded", () => {
  setUpPicker().catch((error) => {
    const status = document.querySelector(".picker-status");
    if (status) status.textContent = `The catalogue could not be loaded (${error.message}); serve the site over HTTP.`;
  });
});

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

// The rows of the matrix: [label, value for each agent, the value that decides "differs"].
function rows(agents) {
  const list = [
    ["Name", (a) => a.name],
    ["Family", (a) => a.family],
    ["Model", (a) => (a.model_set ? a.model : "inherit (not set)"), (a) => a.model],
    ["Tools", toolsText],
  ];
  const tools = [];
  for (const agent of agents) for (const tool of agent.tools || []) if (!tools.includes(tool)) tools.push(tool);
  for (const tool of tools) {
    list.push([`tool ${tool}`, (a) => (a.tools === null ? "all (inherited)" : a.tools.includes(tool) ? "✓" : "–")]);
  }
  list.push(
    ["Color", (a) => a.color || "none"],
    ["Examples", (a) => String(a.examples.length)],
    ["Return format", (a) => (a.return_format ? "yes" : "none")],
    ["Length", (a) => `${a.words} words, ~${a.tokens} tokens`],
    ["Warnings", (a) => String(a.warnings.length)],
    ["Source", (a) => a.source],
  );
  return list;
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
  for (const [label, show, key = show] of rows(agents)) {
    const keys = agents.map(key);
    const differs = keys.some((k) => k !== keys[0]);
    const row = element("tr", { class: differs ? "differs" : "same" });
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
  const [matrixSection, diffSection] = picker.querySelectorAll("section");
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
    matrixSection.hidden = agents.length < 2;
    diffSection.hidden = agents.length < 2;
    if (agents.length >= 2) {
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

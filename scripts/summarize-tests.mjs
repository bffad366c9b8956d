// Prints one closing line, "N passed, N failed", over the Jest, Playwright and
// smoke-test reports in the results folder, plus the steps that check without
// a report of their own (type check, lint, ...), one each.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, seconds, checksPassed = '0', checksFailed = '0'] =
  process.argv.slice(2);
let passed = Number(checksPassed);
let failed = Number(checksFailed);
let skipped = 0;

const read = name => {
  const file = join(dir, name);
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
};

const unit = read('unit.json');
if (unit) {
  passed += unit.numPassedTests;
  failed += unit.numFailedTests;
  skipped += unit.numPendingTests + unit.numTodoTests;
}
const e2e = read('e2e.json');
if (e2e) {
  passed += e2e.stats.expected + e2e.stats.flaky;
  failed += e2e.stats.unexpected;
  skipped += e2e.stats.skipped;
}
const smoke = read('production.json');
if (smoke) {
  passed += smoke.passed;
  failed += smoke.failed;
}

console.log(`\nall steps finished in ${seconds} s`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = failed > 0 ? 1 : 0;

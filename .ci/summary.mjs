// Prints vitest's JSON report as one plain closing line ("tests: N passed, N failed, N skipped") that any CI
// reader understands, and lists the failures and skipped suites with their reasons above it.
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const failed = [];
for (const file of report.testResults ?? []) {
  for (const test of file.assertionResults ?? []) {
    if (test.status === 'failed') failed.push(`${file.name}: ${test.fullName}`);
  }
  if (file.status === 'failed' && (file.assertionResults ?? []).length === 0)
    failed.push(`${file.name}: ${file.message ?? 'failed to run'}`);
}
for (const line of failed) console.log(`FAILED ${line}`);
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
console.log(
  `tests: ${report.numPassedTests} passed, ${report.numFailedTests + (failed.length > report.numFailedTests ? failed.length - report.numFailedTests : 0)} failed, ${skipped} skipped`,
);

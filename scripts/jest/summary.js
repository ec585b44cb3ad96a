/**
 * The closing line of `npm test`: every test of every jest run added up, from the files each
 * run's count reporter wrote. A suite that could not run counts as one failed test, and so does
 * a run that ended without writing its counts (its global setup failed, say).
 *   node scripts/jest/summary.js <counts file>...
 */
const { existsSync, readFileSync } = require('node:fs');

let passed = 0;
let failed = 0;
for (const file of process.argv.slice(2)) {
	if (!existsSync(file)) {
		failed += 1;
		continue;
	}
	const run = JSON.parse(readFileSync(file, 'utf8'));
	passed += run.numPassedTests;
	failed += run.numFailedTests + run.numRuntimeErrorTestSuites;
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;

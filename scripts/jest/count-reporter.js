/**
 * Writes a jest run's counts to the file named by JEST_COUNTS_FILE, when set: `npm test` runs
 * jest several times and adds the counts up in its closing line (scripts/jest/summary.js).
 */
const { writeFileSync } = require('node:fs');

class CountReporter {
	onRunComplete(_contexts, results) {
		const file = process.env.JEST_COUNTS_FILE;
		if (!file) return;
		const { numPassedTests, numFailedTests, numRuntimeErrorTestSuites } = results;
		writeFileSync(
			file,
			JSON.stringify({ numPassedTests, numFailedTests, numRuntimeErrorTestSuites }),
		);
	}
}

module.exports = CountReporter;

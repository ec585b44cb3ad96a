/**
 * Jest's default reporter, minus what n8n's own logger printed in test files that passed: the
 * node tests run n8n's execution engine, whose logger writes the warnings a node logs on
 * purpose (a trigger stopping on a 401 the test provoked). A failing file shows them all; the
 * tests' own console output (their measurements) is always shown.
 */
const { DefaultReporter } = require('@jest/reporters');

const isN8nLoggerEntry = (entry) => /node_modules\/winston\//.test(entry.origin);

class QuietLoggerReporter extends DefaultReporter {
	printTestFileHeader(testPath, config, result) {
		const passed = result.numFailingTests === 0 && !result.testExecError;
		const console = passed
			? result.console?.filter((entry) => !isN8nLoggerEntry(entry))
			: result.console;
		super.printTestFileHeader(testPath, config, {
			...result,
			console: console?.length ? console : undefined,
		});
	}
}

module.exports = QuietLoggerReporter;

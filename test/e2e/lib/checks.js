'use strict';
// Named checks that count passes and failures and never stop the run; ends with the plain
// "N passed, N failed" line CI reads.

class Checks {
	constructor() {
		this.passed = 0;
		this.failed = 0;
	}

	/** await checks.check('name', async () => ...) -> the function's result, or undefined on failure. */
	async check(name, fn) {
		try {
			const result = await fn();
			this.passed++;
			console.log(`  ok   ${name}`);
			return result;
		} catch (error) {
			this.failed++;
			console.log(
				`  FAIL ${name}\n${String((error && error.stack) || error).replace(/^/gm, '       ')}`,
			);
			return undefined;
		}
	}

	/** Counts a failure that happened outside a check (a stage that could not run). */
	fail(name, error) {
		this.failed++;
		console.log(`  FAIL ${name}: ${(error && error.stack) || error}`);
	}

	summaryLine() {
		return `${this.passed} passed, ${this.failed} failed`;
	}
}

module.exports = { Checks };

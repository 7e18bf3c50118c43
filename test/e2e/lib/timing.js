'use strict';
// Stage timer: prints "[e2e] <stage> ... <s> s" lines and a summary table at the end.

class Stages {
	constructor(prefix = '[e2e]') {
		this.prefix = prefix;
		this.rows = [];
		this.t0 = Date.now();
	}

	/** await stages.run('name', async () => ...) -> the function's result; records duration even on failure. */
	async run(name, fn) {
		const t = Date.now();
		console.log(`${this.prefix} ${name} ...`);
		try {
			const r = await fn();
			this.rows.push({ name, s: (Date.now() - t) / 1000, ok: true });
			console.log(`${this.prefix} ${name}: ok in ${((Date.now() - t) / 1000).toFixed(1)} s`);
			return r;
		} catch (e) {
			this.rows.push({ name, s: (Date.now() - t) / 1000, ok: false });
			console.log(`${this.prefix} ${name}: FAILED in ${((Date.now() - t) / 1000).toFixed(1)} s`);
			throw e;
		}
	}

	summary() {
		const w = Math.max(10, ...this.rows.map((r) => r.name.length));
		const lines = [`${this.prefix} stage durations:`];
		for (const r of this.rows)
			lines.push(
				`${this.prefix}   ${r.name.padEnd(w)}  ${r.s.toFixed(1).padStart(7)} s${r.ok ? '' : '  FAILED'}`,
			);
		lines.push(
			`${this.prefix}   ${'total'.padEnd(w)}  ${((Date.now() - this.t0) / 1000).toFixed(1).padStart(7)} s`,
		);
		return lines.join('\n');
	}
}

module.exports = { Stages };

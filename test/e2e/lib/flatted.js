'use strict';
// Reader for the `flatted` format (https://github.com/WebReflection/flatted) that n8n uses for
// execution data (`GET /rest/executions/:id` -> data.data is a flatted string).
//
// The format: a JSON array. Entry 0 is the root value. Every object/array and every string met
// while stringifying gets its own entry; inside an object/array entry, a *string* value is always
// the index (as a decimal string) of the entry holding the real value, while numbers, booleans
// and null stay inline. So reviving is: for each object/array entry, swap every string value
// for input[Number(value)]. Shared references and cycles come out as shared objects, like the
// original `flatted.parse`. Iterative, so deep data does not blow the stack.

function parse(text) {
	const input = typeof text === 'string' ? JSON.parse(text) : text;
	if (!Array.isArray(input)) throw new TypeError('flatted: top level is not an array');
	if (input.length === 0) return undefined;
	for (const entry of input) {
		if (entry === null || typeof entry !== 'object') continue;
		for (const key of Object.keys(entry)) {
			const v = entry[key];
			if (typeof v !== 'string') continue;
			const idx = Number(v);
			if (!Number.isInteger(idx) || idx < 0 || idx >= input.length) {
				throw new Error(
					`flatted: bad reference ${JSON.stringify(v)} at key ${JSON.stringify(key)}`,
				);
			}
			entry[key] = input[idx];
		}
	}
	return input[0];
}

// The inverse, for tests and for sending flatted data (no cycles needed in practice, but handled).
function stringify(value) {
	const input = [];
	const index = new Map();
	const add = (v) => {
		if (typeof v === 'string' || (v !== null && typeof v === 'object')) {
			if (typeof v === 'object' && index.has(v)) return String(index.get(v));
			const i = input.length;
			if (typeof v === 'object') index.set(v, i);
			input.push(v);
			return String(i);
		}
		return v;
	};
	add(value);
	for (let i = 0; i < input.length; i++) {
		const v = input[i];
		if (v === null || typeof v !== 'object') continue;
		const out = Array.isArray(v) ? [] : {};
		for (const key of Object.keys(v)) {
			const x = v[key];
			if (x === undefined || typeof x === 'function') continue;
			out[key] = add(
				typeof x === 'object' && x !== null && typeof x.toJSON === 'function' ? x.toJSON() : x,
			);
		}
		input[i] = out;
	}
	return JSON.stringify(input);
}

module.exports = { parse, stringify };

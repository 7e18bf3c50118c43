import type { INode } from 'n8n-workflow';

import { inputError, showValue } from './inputError';

const MAX_ID_LENGTH = 200;
/** Half of a UTF-16 pair on its own: it cannot be encoded into a URL, so the request would fail. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Ids made only of dots would still be read as `.`/`..` by URL parsers even when encoded
 * (transport/path.ts encodes every other character), so they could change the route.
 */
function isDotSegment(id: string): boolean {
	return /^\.+$/.test(id);
}

function hasControlCharacter(text: string): boolean {
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code < 0x20 || code === 0x7f) return true;
	}
	return false;
}

/**
 * A Benchwork ID as a user gave it (text or a number), trimmed, checked that it can name exactly
 * one Benchwork object; otherwise an input error naming `label` with `hint` as the fix. `node` may
 * be a function that gets it: n8n deep-copies the node for every getNode(), and a valid ID (nearly
 * every item) needs none.
 */
export function checkId(
	node: INode | (() => INode),
	raw: unknown,
	label: string,
	hint: string,
): string {
	const fail = (problem: string) =>
		inputError(typeof node === 'function' ? node() : node, label, problem, hint);
	if (typeof raw === 'number' && Number.isFinite(raw)) raw = String(raw);
	if (typeof raw !== 'string') throw fail(`expected text, got ${showValue(raw)}`);
	const id = raw.trim();
	if (id === '') throw fail('is empty');
	if (
		isDotSegment(id) ||
		id.length > MAX_ID_LENGTH ||
		hasControlCharacter(id) ||
		LONE_SURROGATE.test(id)
	) {
		throw fail(`${showValue(id)} is not a valid ID`);
	}
	return id;
}

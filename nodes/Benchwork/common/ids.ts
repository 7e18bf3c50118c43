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
 * one Benchwork object; otherwise an input error naming `label` with `hint` as the fix.
 */
export function checkId(node: INode, raw: unknown, label: string, hint: string): string {
	if (typeof raw === 'number' && Number.isFinite(raw)) raw = String(raw);
	if (typeof raw !== 'string')
		throw inputError(node, label, `expected text, got ${showValue(raw)}`, hint);
	const id = raw.trim();
	if (id === '') throw inputError(node, label, 'is empty', hint);
	if (
		isDotSegment(id) ||
		id.length > MAX_ID_LENGTH ||
		hasControlCharacter(id) ||
		LONE_SURROGATE.test(id)
	) {
		throw inputError(node, label, `${showValue(id)} is not a valid ID`, hint);
	}
	return id;
}

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { isDotSegment } from '../transport';
import { showValue, inputError } from './inputError';

const MAX_ID_LENGTH = 200;
/** Half of a UTF-16 pair on its own: it cannot be encoded into a URL, so the request would fail. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Reads a resource-locator or text id and checks it can name exactly one Benchwork object. */
export function readId(
	this: IExecuteFunctions,
	parameter: string,
	label: string,
	itemIndex: number,
	listHint: string,
): string {
	const raw = this.getNodeParameter(parameter, itemIndex, '', { extractValue: true }) as unknown;
	return checkId.call(this, raw, label, listHint);
}

export function checkId(
	this: IExecuteFunctions,
	raw: unknown,
	label: string,
	listHint: string,
): string {
	const node = this.getNode();
	if (typeof raw === 'number' && Number.isFinite(raw)) raw = String(raw);
	if (typeof raw !== 'string')
		throw inputError(node, label, `expected text, got ${showValue(raw)}`, listHint);
	const id = raw.trim();
	if (id === '') throw inputError(node, label, 'is empty', listHint);
	if (
		isDotSegment(id) ||
		id.length > MAX_ID_LENGTH ||
		hasControlCharacter(id) ||
		LONE_SURROGATE.test(id)
	) {
		throw inputError(node, label, `${showValue(id)} is not a valid ID`, listHint);
	}
	return id;
}

export function readLimit(this: IExecuteFunctions, itemIndex: number): number {
	const raw = this.getNodeParameter('limit', itemIndex, 50) as unknown;
	const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 100) {
		throw inputError(
			this.getNode(),
			'Limit',
			`${showValue(raw)} is not a whole number from 1 to 100`,
			'Benchwork returns at most 100 objects per call (it has no paging). Set Limit between 1 and 100.',
		);
	}
	return value;
}

/** Reads an options-type filter, checking it against the values Benchwork knows. */
export function readChoice(
	this: IExecuteFunctions,
	filters: IDataObject,
	key: string,
	label: string,
	allowed: readonly string[],
): string | undefined {
	const raw = filters[key];
	if (raw === undefined || raw === '') return undefined;
	if (typeof raw !== 'string' || !allowed.includes(raw)) {
		throw inputError(
			this.getNode(),
			label,
			`${showValue(raw)} is not one of ${allowed.join(', ')}`,
			`Choose one of: ${allowed.join(', ')}.`,
		);
	}
	return raw;
}

/** Reads an optional text filter; blank means "no filter". */
export function readText(
	this: IExecuteFunctions,
	filters: IDataObject,
	key: string,
	label: string,
): string | undefined {
	const raw = filters[key];
	if (raw === undefined || raw === null) return undefined;
	if (typeof raw === 'string' && raw.trim() === '') return undefined;
	return checkId.call(this, raw, label, `Enter a ${label} or remove the filter.`);
}

/** A boolean switch, also as an expression's text ("true"/"false"); anything else is refused. */
export function readSwitch(
	this: IExecuteFunctions,
	parameter: string,
	label: string,
	itemIndex: number,
	fallback = false,
): boolean {
	const raw = this.getNodeParameter(parameter, itemIndex, fallback) as unknown;
	if (typeof raw === 'boolean') return raw;
	if (raw === undefined || raw === null || raw === '') return fallback;
	const text = typeof raw === 'string' ? raw.trim().toLowerCase() : undefined;
	if (text === 'true') return true;
	if (text === 'false') return false;
	throw inputError(
		this.getNode(),
		label,
		`${showValue(raw)} is not true or false`,
		`Turn ${label} on or off, or make its expression give true or false.`,
	);
}

function hasControlCharacter(text: string): boolean {
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code < 0x20 || code === 0x7f) return true;
	}
	return false;
}

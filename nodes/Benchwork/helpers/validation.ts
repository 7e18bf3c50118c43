import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { isDotSegment } from '../transport';
import { inputError } from './errors';

const MAX_ID_LENGTH = 200;

/** Reads a resource-locator or text id and checks it can name exactly one Benchwork object. */
export function readId(
	this: IExecuteFunctions,
	parameter: string,
	label: string,
	itemIndex: number,
	listHint: string,
): string {
	const raw = this.getNodeParameter(parameter, itemIndex, '', { extractValue: true }) as unknown;
	return checkId.call(this, raw, label, itemIndex, listHint);
}

export function checkId(
	this: IExecuteFunctions,
	raw: unknown,
	label: string,
	itemIndex: number,
	listHint: string,
): string {
	const node = this.getNode();
	if (typeof raw === 'number' && Number.isFinite(raw)) raw = String(raw);
	if (typeof raw !== 'string') {
		throw inputError(node, itemIndex, label, `expected text, got ${describe(raw)}`, listHint);
	}
	const id = raw.trim();
	if (id === '') throw inputError(node, itemIndex, label, 'is empty', listHint);
	if (isDotSegment(id) || id.length > MAX_ID_LENGTH || hasControlCharacter(id)) {
		throw inputError(node, itemIndex, label, `"${id.slice(0, 40)}" is not a valid ID`, listHint);
	}
	return id;
}

export function readLimit(this: IExecuteFunctions, itemIndex: number): number {
	const raw = this.getNodeParameter('limit', itemIndex, 50) as unknown;
	const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 100) {
		throw inputError(
			this.getNode(),
			itemIndex,
			'Limit',
			`${describe(raw)} is not a whole number from 1 to 100`,
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
	itemIndex: number,
): string | undefined {
	const raw = filters[key];
	if (raw === undefined || raw === '') return undefined;
	if (typeof raw !== 'string' || !allowed.includes(raw)) {
		throw inputError(
			this.getNode(),
			itemIndex,
			label,
			`${describe(raw)} is not one of ${allowed.join(', ')}`,
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
	itemIndex: number,
): string | undefined {
	const raw = filters[key];
	if (raw === undefined || raw === null) return undefined;
	if (typeof raw === 'string' && raw.trim() === '') return undefined;
	return checkId.call(this, raw, label, itemIndex, `Enter a ${label} or remove the filter.`);
}

export function describe(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'string') return value === '' ? 'an empty value' : `"${value.slice(0, 40)}"`;
	if (typeof value === 'object') return 'an object';
	return String(value);
}

function hasControlCharacter(text: string): boolean {
	for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) < 0x20) return true;
	return false;
}

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { checkId } from '../common/ids';
import { showValue, inputError } from '../common/inputError';

/** Reads a resource-locator or text id and checks it can name exactly one Benchwork object. */
export function readId(
	this: IExecuteFunctions,
	parameter: string,
	label: string,
	itemIndex: number,
	listHint: string,
): string {
	const raw = this.getNodeParameter(parameter, itemIndex, '', { extractValue: true }) as unknown;
	return checkId(() => this.getNode(), raw, label, listHint);
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
	return checkId(() => this.getNode(), raw, label, `Enter a ${label} or remove the filter.`);
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

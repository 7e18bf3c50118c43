import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { describe, inputError } from '../inputError';

const FIX =
	'Enter a JSON object such as {"orderId": 42}, or leave Payload empty to start the workflow without data.';

/** The trigger payload: a plain JSON object, or undefined when left empty. */
export function readPayload(this: IExecuteFunctions, itemIndex: number): IDataObject | undefined {
	const raw = this.getNodeParameter('payload', itemIndex, '') as unknown;
	let value = raw;
	if (typeof raw === 'string') {
		const text = raw.trim();
		if (text === '') return undefined;
		try {
			value = JSON.parse(text);
		} catch (error) {
			const reason = error instanceof Error ? error.message : 'unreadable';
			throw inputError(this.getNode(), 'Payload', `is not valid JSON (${reason})`, FIX);
		}
	}
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'object' || Array.isArray(value)) {
		throw inputError(this.getNode(), 'Payload', `must be a JSON object, got ${describe(value)}`, FIX);
	}
	return value as IDataObject;
}

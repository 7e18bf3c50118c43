import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { errorReason } from '../../../shared/errorReason';
import { showValue, inputError } from '../../inputError';

const FIX =
	'Enter a JSON object such as {"orderId": 42}, or leave Payload empty to start the workflow without data.';

/** n8n's own reading of a value nested too deeply (or cyclic) overflows the stack. */
function readRaw(this: IExecuteFunctions, itemIndex: number): unknown {
	try {
		return this.getNodeParameter('payload', itemIndex, '') as unknown;
	} catch (error) {
		if (!(error instanceof RangeError))
			throw new NodeOperationError(this.getNode(), error as Error);
		throw inputError(
			this.getNode(),
			'Payload',
			`could not be read (${errorReason(error, 200)}): is it nested too deeply, or does it contain itself?`,
			FIX,
		);
	}
}

/**
 * The trigger payload: a plain JSON object, or undefined when left empty. It is serialised here
 * once, so a payload that cannot be sent fails this item's input check, before any request.
 */
export function readPayload(this: IExecuteFunctions, itemIndex: number): IDataObject | undefined {
	const raw = readRaw.call(this, itemIndex);
	let value = raw;
	if (typeof raw === 'string') {
		const text = raw.trim();
		if (text === '') return undefined;
		try {
			value = JSON.parse(text);
		} catch (error) {
			throw inputError(
				this.getNode(),
				'Payload',
				`is not valid JSON (${errorReason(error, 200)})`,
				FIX,
			);
		}
	}
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'object' || Array.isArray(value)) {
		throw inputError(
			this.getNode(),
			'Payload',
			`must be a JSON object, got ${showValue(value)}`,
			FIX,
		);
	}
	try {
		JSON.stringify(value);
	} catch (error) {
		throw inputError(
			this.getNode(),
			'Payload',
			`cannot be turned into JSON (${errorReason(error, 200)}), so nothing was sent`,
			FIX,
		);
	}
	return value as IDataObject;
}

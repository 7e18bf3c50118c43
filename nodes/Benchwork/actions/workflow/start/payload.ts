import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { errorReason } from '../../../common/errorReason';
import { showValue, inputError } from '../../../common/inputError';

const FIX =
	'Enter a JSON object such as {"orderId": 42}, or leave Payload as {} (or empty) to start the workflow without data.';

/**
 * Deepest nesting a payload may have. n8n's request helper walks the body recursively and
 * overflows the stack a few thousand levels down (before anything is sent); no real payload
 * comes near this.
 */
export const MAX_PAYLOAD_DEPTH = 1_000;

/** How deep a value nests (iteratively, so measuring cannot overflow); undefined when it contains itself. */
function nestingDepth(value: object): number | undefined {
	let deepest = 0;
	const onPath = new WeakSet<object>();
	const stack: Array<{ node: object; depth: number; exit?: true }> = [{ node: value, depth: 1 }];
	while (stack.length > 0) {
		const { node, depth, exit } = stack.pop()!;
		if (exit) {
			onPath.delete(node);
			continue;
		}
		if (onPath.has(node)) return undefined;
		deepest = Math.max(deepest, depth);
		if (deepest > MAX_PAYLOAD_DEPTH) return deepest;
		onPath.add(node);
		stack.push({ node, depth, exit: true });
		for (const child of Object.values(node)) {
			if (child && typeof child === 'object')
				stack.push({ node: child as object, depth: depth + 1 });
		}
	}
	return deepest;
}

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
 * The payload of a start request: a plain JSON object, or undefined when left empty or `{}`. It is serialised here
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
	const depth = nestingDepth(value);
	if (depth === undefined || depth > MAX_PAYLOAD_DEPTH) {
		throw inputError(
			this.getNode(),
			'Payload',
			depth === undefined
				? 'contains itself, so it cannot be sent as JSON; nothing was sent'
				: `is nested more than ${MAX_PAYLOAD_DEPTH} levels deep, too deep to send; nothing was sent`,
			FIX,
		);
	}
	// An empty object (the field's default) sends no payload, like an empty field.
	if (Object.keys(value).length === 0) return undefined;
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

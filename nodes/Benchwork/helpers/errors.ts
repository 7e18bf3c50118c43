import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** Appends n8n's `[item N]` marker, once. */
export function withItem(message: string, itemIndex: number): string {
	const marker = `[item ${itemIndex}]`;
	return message.includes(marker) ? message : `${message} ${marker}`;
}

/** A problem with what the user entered: names the field, the item and the fix. */
export function inputError(
	node: INode,
	itemIndex: number,
	field: string,
	problem: string,
	fix: string,
): NodeOperationError {
	return new NodeOperationError(node, withItem(`${field}: ${problem}`, itemIndex), {
		description: fix,
		itemIndex,
	});
}

/** Extra fields an error adds to its item's output under continueOnFail (e.g. the started execution). */
const OUTPUT_KEY = 'benchworkOutput';

export function attachOutput<E extends Error>(error: E, output: IDataObject): E {
	(error as unknown as Record<string, unknown>)[OUTPUT_KEY] = output;
	return error;
}

export function outputOf(error: unknown): IDataObject {
	const value = error && typeof error === 'object' ? (error as Record<string, unknown>)[OUTPUT_KEY] : undefined;
	return value && typeof value === 'object' ? (value as IDataObject) : {};
}

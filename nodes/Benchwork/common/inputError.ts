import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * A problem with what the user entered, found before any request: names the field and the fix.
 * The router adds the item (`[item N]`) to every error, this one included.
 */
export function inputError(
	node: INode,
	field: string,
	problem: string,
	fix: string,
): NodeOperationError {
	return new NodeOperationError(node, `${field}: ${problem}`, { description: fix });
}

/** A value as a message may show it: short, and never the whole of a long text. */
export function showValue(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'string') return value === '' ? 'an empty value' : `"${value.slice(0, 40)}"`;
	if (typeof value === 'object') return 'an object';
	return String(value);
}

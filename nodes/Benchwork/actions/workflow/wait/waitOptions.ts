import type { IExecuteFunctions } from 'n8n-workflow';

import { inputError, showValue } from '../../../common/inputError';
import { readSwitch } from '../../validation';

/** How long to wait for a started run, and how often to ask about it. */
export interface WaitOptions {
	timeoutMs: number;
	pollIntervalMs: number;
	/** Whether the next item waits for this one (Run Items: One After Another). */
	inTurn: boolean;
}

const RUN_ITEMS = ['together', 'oneAfterAnother'] as const;

/** A day: the longest Timeout or Poll Interval (the editor's maximum too). */
export const MAX_WAIT_SECONDS = 24 * 60 * 60;

/** A number of seconds from `min` to 24 h, as milliseconds. */
function readMilliseconds(
	this: IExecuteFunctions,
	field: { name: string; label: string; min: number; fallback: number },
	itemIndex: number,
): number {
	const raw = this.getNodeParameter(field.name, itemIndex, field.fallback) as unknown;
	const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
	if (
		typeof value !== 'number' ||
		!Number.isFinite(value) ||
		value < field.min ||
		value > MAX_WAIT_SECONDS
	) {
		throw inputError(
			this.getNode(),
			field.label,
			`${showValue(raw)} is not a number of seconds from ${field.min} to ${MAX_WAIT_SECONDS}`,
			`Set ${field.label} to a number of seconds, at least ${field.min}.`,
		);
	}
	return value * 1000;
}

/** Wait for Completion and its options; undefined when the item does not wait. */
export function readWaitOptions(
	this: IExecuteFunctions,
	itemIndex: number,
): WaitOptions | undefined {
	if (!readSwitch.call(this, 'waitForCompletion', 'Wait for Completion', itemIndex))
		return undefined;
	const timeoutMs = readMilliseconds.call(
		this,
		{ name: 'timeout', label: 'Timeout', min: 1, fallback: 300 },
		itemIndex,
	);
	const pollIntervalMs = readMilliseconds.call(
		this,
		{ name: 'pollInterval', label: 'Poll Interval', min: 0.5, fallback: 5 },
		itemIndex,
	);
	const runItems = this.getNodeParameter('runItems', itemIndex, 'together') as unknown;
	if (!RUN_ITEMS.includes(runItems as (typeof RUN_ITEMS)[number])) {
		throw inputError(
			this.getNode(),
			'Run Items',
			`${showValue(runItems)} is not one of: together, oneAfterAnother`,
			'Pick Together or One After Another.',
		);
	}
	return { timeoutMs, pollIntervalMs, inTurn: runItems === 'oneAfterAnother' };
}

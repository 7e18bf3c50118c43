import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { digest } from '../common/digest';
import { inputError } from '../common/inputError';
import { readBenchworkCredential } from '../transport/credential';
import { eventItemJson } from '../triggers/eventItem';
import { STATUS_OF_EVENT } from '../triggers/events';
import { log } from '../triggers/log';
import type { TriggerSettings } from '../triggers/settings';
import { readTriggerSettings, WORKFLOWS_FIELD } from '../triggers/settings';
import type { Cursor, FinishedRun } from './cursor';
import { advance, baseline, byFinish, newestHandled, readCursor, sameCursor } from './cursor';
import type { ListAnswer } from './finishedRuns';
import { distinctRuns, fetchFinishedRuns } from './finishedRuns';
import { runEvent } from './runEvent';

/**
 * Each workflow in the filter costs one request per event on every poll, so the list is kept
 * short enough to stay well inside Benchwork's 60 requests a minute.
 */
const MAX_WORKFLOWS = 20;

/** Where the cursor lives in the node's static data. */
const CURSOR_KEY = 'benchworkCursor';

/**
 * Poll contexts that have polled. n8n keeps one context for an activation and calls poll() with
 * it at every Poll Time, and reports the activation's mode on every call: only the first poll of
 * an activation the user made ('activate', 'create') starts afresh.
 */
const polled = new WeakSet<object>();

function scopeOf(answer: ListAnswer): string {
	return answer.workflowId === undefined
		? `"${answer.event}"`
		: `"${answer.event}" of workflow ${answer.workflowId}`;
}

/**
 * Warns when a full answer holds only runs newer than everything handled before: more may have
 * finished since the last poll than one answer holds, and the oldest of them are not in it.
 */
function warnOfGaps(this: IPollFunctions, answers: readonly ListAnswer[], cursor: Cursor) {
	const handled = newestHandled(cursor);
	for (const answer of answers) {
		if (!answer.full) continue;
		const oldest = Math.min(...answer.runs.map((run) => run.finishedAtMs));
		if (handled !== null && oldest <= handled) continue;
		log.call(
			this,
			'warn',
			`Benchwork's answer for ${scopeOf(answer)} was full (100 runs, all finished since the last poll), so older runs that finished since then may be missing. Poll more often, or set a workflow filter (each workflow gets its own 100).`,
			{ event: answer.event, benchworkWorkflowId: answer.workflowId },
		);
	}
}

function describeSettings(settings: TriggerSettings): string {
	const statuses = settings.events.map((event) => STATUS_OF_EVENT[event]).join(' or ');
	const scope = settings.workflowIds.length > 0 ? ` of ${settings.workflowIds.join(', ')}` : '';
	return `with status ${statuses}${scope}`;
}

/** The item a finished run starts the workflow with: the same as the webhook trigger's. */
function runItem(settings: TriggerSettings, run: FinishedRun): INodeExecutionData {
	return { json: eventItemJson(runEvent(run), settings.output) };
}

/** The trigger's settings, with the polling trigger's own bound on the workflow filter. */
function readSettings(this: IPollFunctions): TriggerSettings {
	const settings = readTriggerSettings.call(this);
	const count = settings.workflowIds.length;
	if (count > MAX_WORKFLOWS) {
		throw inputError(
			this.getNode(),
			WORKFLOWS_FIELD,
			`${count} workflows chosen, at most ${MAX_WORKFLOWS}`,
			`Each workflow costs one Benchwork request per event on every poll. Choose at most ${MAX_WORKFLOWS}, or leave the filter empty to watch every workflow with one request per event.`,
		);
	}
	return settings;
}

/** Fetch Test Event: the newest matching run; the active workflow's cursor is not touched. */
function newestRun(
	this: IPollFunctions,
	settings: TriggerSettings,
	answers: readonly ListAnswer[],
): INodeExecutionData[][] {
	const runs = distinctRuns(answers).sort(byFinish);
	const newest = runs.at(-1);
	if (!newest) {
		throw new NodeOperationError(
			this.getNode(),
			`No Benchwork execution ${describeSettings(settings)} has finished yet`,
			{
				description:
					"Benchwork lists no finished run matching this trigger's Events and workflow filter. Let one finish in Benchwork, then fetch again.",
			},
		);
	}
	return [[runItem(settings, newest)]];
}

/**
 * poll(): one look at Benchwork's finished runs. The first poll of an activation records where
 * Benchwork is and emits nothing; later polls emit each run not handled yet, oldest first, in
 * one execution. The cursor is only written after every request succeeded, so a failed poll
 * changes nothing and the next one starts from the same place.
 */
export async function pollBenchwork(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const settings = readSettings.call(this);
	const answers = await fetchFinishedRuns.call(this, settings);
	const unreadable = answers.reduce((sum, answer) => sum + answer.unreadable, 0);
	if (unreadable > 0) {
		log.call(this, 'warn', `skipped ${unreadable} listed runs without a readable id or finishedAt`);
	}
	if (this.getMode() === 'manual') return newestRun.call(this, settings, answers);

	const { baseUrl } = await readBenchworkCredential(this);
	const account = digest(baseUrl).slice(0, 16);
	const data = this.getWorkflowStaticData('node');
	const stored = readCursor(data[CURSOR_KEY]);
	const firstOfActivation =
		!polled.has(this) && ['activate', 'create'].includes(this.getActivationMode());
	polled.add(this);
	const runs = distinctRuns(answers);

	if (!stored || stored.account !== account || firstOfActivation) {
		data[CURSOR_KEY] = baseline(account, runs) as unknown as IDataObject;
		log.call(
			this,
			'info',
			`started watching: ${runs.length} runs Benchwork already lists count as seen; runs that finish from now on start this workflow`,
		);
		return null;
	}

	warnOfGaps.call(this, answers, stored);
	const { fresh, next } = advance(stored, runs);
	if (!sameCursor(stored, next)) data[CURSOR_KEY] = next as unknown as IDataObject;
	if (fresh.length === 0) return null;
	log.call(this, 'debug', `${fresh.length} finished runs found`, {
		executionIds: fresh.map((run) => run.id).join(','),
	});
	return [fresh.map((run) => runItem(settings, run))];
}

import type { INodeExecutionData, IPollFunctions } from 'n8n-workflow';
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
import { advance, baseline, byFinish, newestHandled } from './cursor';
import type { ListAnswer } from './finishedRuns';
import { distinctRuns, fetchFinishedRuns } from './finishedRuns';
import { claimStart } from './overlap';
import { runEvent } from './runEvent';
import type { BaselineReason } from './startingPoint';
import { readStored, startingPoint, storeBaseline, storeCursor } from './startingPoint';

/**
 * Each workflow in the filter costs one request per event on every poll, so the list is kept
 * short enough to stay well inside Benchwork's 60 requests a minute.
 */
const MAX_WORKFLOWS = 20;

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

/** Which runs the settings watch, as a digest kept in the cursor (IDs only, no secret). */
function selectionDigest(settings: TriggerSettings): string {
	return digest(...settings.events, '', ...[...settings.workflowIds].sort()).slice(0, 16);
}

const STARTED_WATCHING: Record<BaselineReason, string> = {
	first: 'started watching',
	account: 'the credential points to another Benchwork (base URL): started watching afresh',
	selection: 'the Events or the workflow filter changed: started watching afresh',
};

/** Sums the entries Benchwork listed as finished without a readable id or finishedAt. */
function warnOfUnreadable(this: IPollFunctions, answers: readonly ListAnswer[]) {
	const unreadable = answers.reduce((sum, answer) => sum + answer.unreadable, 0);
	if (unreadable > 0) {
		log.call(this, 'warn', `skipped ${unreadable} listed runs without a readable id or finishedAt`);
	}
}

/** Every request of one poll; answers only when all succeeded. */
async function fetchAnswers(
	this: IPollFunctions,
	settings: TriggerSettings,
): Promise<ListAnswer[]> {
	const answers = await fetchFinishedRuns.call(this, settings);
	warnOfUnreadable.call(this, answers);
	return answers;
}

/**
 * poll(): one look at Benchwork's finished runs. Where it starts is startingPoint()'s rule (the
 * first poll after publication takes a baseline and emits nothing); it then emits each run not
 * handled yet, oldest first, in one execution. The cursor is only written after every request
 * succeeded, so a failed poll changes nothing and the next one starts from the same place; a
 * poll overlapping another that started from the same cursor sends nothing (overlap.ts).
 */
export async function pollBenchwork(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const settings = readSettings.call(this);
	if (this.getMode() === 'manual')
		return newestRun.call(this, settings, await fetchAnswers.call(this, settings));

	const { baseUrl } = await readBenchworkCredential(this);
	const current = { account: digest(baseUrl).slice(0, 16), selection: selectionDigest(settings) };
	const node = this.getNode();
	const nodeData = this.getWorkflowStaticData('node');
	const workflowData = this.getWorkflowStaticData('global');
	const start = startingPoint(readStored(nodeData, workflowData, node.name), current);

	if ('baseline' in start) {
		const runs = distinctRuns(await fetchAnswers.call(this, settings));
		const { generation, reason } = start.baseline;
		storeBaseline(nodeData, workflowData, node.name, baseline({ ...current, generation }, runs));
		log.call(
			this,
			'info',
			`${STARTED_WATCHING[reason]}: ${runs.length} runs Benchwork already lists count as seen; runs that finish from now on start this workflow`,
		);
		return null;
	}

	const claim = claimStart(`${String(this.getWorkflow().id)}:${node.id}`, start.from, Date.now());
	if ('startedMsAgo' in claim) {
		log.call(
			this,
			'debug',
			`skipped a poll: another poll of this trigger started from the same cursor ${claim.startedMsAgo} ms ago (n8n started both) and finds the same runs`,
		);
		return null;
	}
	// A failed poll gives its copy back, so the next one starts from it at once.
	let answers: ListAnswer[] | undefined;
	try {
		answers = await fetchAnswers.call(this, settings);
	} finally {
		if (!answers) claim.release();
	}
	warnOfGaps.call(this, answers, start.from);
	const { fresh, next } = advance(start.from, distinctRuns(answers));
	storeCursor(nodeData, next);
	if (fresh.length === 0) return null;
	log.call(this, 'debug', `${fresh.length} finished runs found`, {
		executionIds: fresh.map((run) => run.id).join(','),
	});
	return [fresh.map((run) => runItem(settings, run))];
}

import type { INodeType } from 'n8n-workflow';

import { runNode } from '../../../helpers/n8nHarness';
import { sleep } from 'n8n-workflow';

import {
	callSandbox,
	credentialsFor,
	items,
	runBenchwork,
	startWorkflow,
	useSandbox,
} from '../../../helpers/sandbox';

/**
 * Two n8n processes (queue-mode workers) on one API key: each has its own copy of the transport
 * and its own view of the window, and only the answers to its own requests. One of them keeps
 * losing the race at each window start; it must keep its place in line, not fail after a fixed
 * number of 429s while the other gets through.
 */
const WINDOW_MS = 400;
const sandbox = useSandbox({
	rateLimit: { limit: 10, windowMs: WINDOW_MS, fractionalSeconds: true },
	executionDelayMs: 50,
});

function isolatedBenchworkNode(): INodeType {
	let nodeType: INodeType | undefined;
	jest.isolateModules(() => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { Benchwork } = require('../../../../nodes/Benchwork/Benchwork.node');
		nodeType = new Benchwork();
	});
	return nodeType!;
}

const triggers = startWorkflow('wf_orders_sync', {
	payload: '={{ JSON.stringify({ n: $json.n }) }}',
});

describe('transport: one API key shared by two processes', () => {
	it('starts every item of two concurrent batches exactly once, however many 429s the loser collects', async () => {
		const batch = (nodeType: INodeType) =>
			runNode({
				nodeType,
				parameters: triggers,
				credentials: credentialsFor(sandbox.current),
				items: items(60, (n) => ({ n })),
			});
		const [first, second] = await Promise.all([
			batch(isolatedBenchworkNode()),
			batch(isolatedBenchworkNode()),
		]);

		expect(first[0]).toHaveLength(60);
		expect(second[0]).toHaveLength(60);
		const stats = sandbox.current.stats();
		// The two really competed for the window (else this proves nothing) …
		expect(stats.rateLimited).toBeGreaterThan(0);
		// … and each trigger reached Benchwork once: 429s are refused before the endpoint.
		expect(stats.triggerAttempts.wf_orders_sync).toBe(120);
		expect(stats.executionsStarted.wf_orders_sync).toBe(120);
		const ids = [...first[0], ...second[0]].map((item) => item.json.executionId);
		expect(new Set(ids).size).toBe(120);
	});

	it('keeps waiting while another client takes the whole budget window after window, then starts once', async () => {
		// Who wins each window's first call is a race; the scenario counts only when the node lost
		// more often than any fixed retry count allows, so it is run until it did (at most 4 times).
		for (let attempt = 1; attempt <= 4; attempt++) {
			sandbox.current.reset();
			const { started, refusedTriggers, greedyGotThrough } = await triggerBesideGreedyClient();
			expect(started).toBe(1);
			expect(greedyGotThrough).toBeGreaterThan(40);
			if (refusedTriggers > 5) return;
		}
		throw new Error(
			'the other client never kept the node waiting for more than 5 windows; the scenario did not happen',
		);
	});
});

/** Another client spends all 10 calls at the start of each window for 8 windows; meanwhile one trigger. */
async function triggerBesideGreedyClient() {
	const greedyUntil = Date.now() + 8 * WINDOW_MS;
	let greedyGotThrough = 0;
	let firstRound: () => void = () => undefined;
	const windowSpent = new Promise<void>((resolve) => (firstRound = resolve));
	const greedy = (async () => {
		while (Date.now() < greedyUntil) {
			const answers = await Promise.all(
				Array.from({ length: 10 }, () => callSandbox(sandbox.current, '/workflows?limit=1')),
			);
			greedyGotThrough += answers.filter((answer) => answer.status === 200).length;
			firstRound();
			await sleep(WINDOW_MS - (Date.now() % WINDOW_MS) + 1);
		}
	})();
	await windowSpent;
	const output = await runBenchwork(sandbox.current, { ...triggers, payload: '' });
	await greedy;
	const stats = sandbox.current.stats();
	const refusedTriggers = stats.requests.filter(
		(request) => request.path.endsWith('/trigger') && request.status === 429,
	).length;
	expect(output).toHaveLength(1);
	expect(typeof output[0].json.executionId).toBe('string');
	return { started: stats.executionsStarted.wf_orders_sync, refusedTriggers, greedyGotThrough };
}

import { MAX_STALLED_REFUSALS, noteRefusal } from '../../../../nodes/Benchwork/transport/rateLimit';
import {
	getWorkflow,
	items,
	KEYS,
	runBenchwork,
	runError,
	spendWindow,
	startWorkflow,
	useSandbox,
} from '../../../helpers/sandbox';

// A small window keeps these quick: 5 calls per second for each key (1 s, so that the whole-second
// X-RateLimit-Reset names each window, as with Benchwork's 60 s windows).
const sandbox = useSandbox({ rateLimit: { limit: 5, windowMs: 1000 }, executionDelayMs: 50 });

const trigger = startWorkflow('wf_orders_sync', {
	payload: '={{ JSON.stringify({ n: $itemIndex }) }}',
});
type Logged = { method: string; status: number | null };
const posts = (): Logged[] =>
	sandbox.current.stats().requests.filter((r: Logged) => r.method === 'POST');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A Benchwork that refuses every trigger with 429 and these headers (null removes the sandbox's own). */
function refuseEveryone(headers: Record<string, string | null>) {
	sandbox.current.addFault({
		method: 'POST',
		path: '/trigger',
		status: 429,
		times: 0,
		headers: { 'Retry-After': null, ...headers },
	});
}
const WITHOUT_RATE_HEADERS = { 'X-RateLimit-Remaining': null, 'X-RateLimit-Reset': null };
const WITH_CALLS_LEFT = { 'X-RateLimit-Remaining': '3' };

// Any answer other than 429 ends a refusal streak: start every test from a clean one.
beforeEach(async () => {
	await runBenchwork(sandbox.current, getWorkflow());
	sandbox.current.reset();
	sandbox.current.configure({ rateLimit: { limit: 5, windowMs: 1000 }, executionDelayMs: 50 });
});

describe('429s: waiting its turn while others use the key, giving up when nobody gets through', () => {
	it('a batch never fails on 429 while another client takes the whole budget in six of every seven windows', async () => {
		const others: number[] = [];
		let running = true;
		// Another client with the same key: 5 calls at the start of each 1 s window, except every
		// 7th window, which it leaves free. At most 40 windows.
		const untilNextWindow = () => sleep(1000 - (Date.now() % 1000) + 5);
		await untilNextWindow();
		const firstWindow = Math.floor(Date.now() / 1000);
		const other = (async () => {
			for (let burst = 0; running && burst < 40; burst++) {
				if ((Math.floor(Date.now() / 1000) - firstWindow) % 7 !== 6) {
					const answers = await Promise.all(
						Array.from({ length: 5 }, () =>
							fetch(`${sandbox.current.baseUrl}/workflows?limit=1`, {
								headers: { Authorization: `Bearer ${KEYS.enterprise}` },
							}),
						),
					);
					others.push(...answers.map((answer) => answer.status));
				}
				await untilNextWindow();
			}
		})();
		let output;
		try {
			await sleep(20); // after the first burst: the node starts with six refused windows ahead
			output = await runBenchwork(sandbox.current, trigger, { items: items(4) });
		} finally {
			running = false;
			await other;
		}
		expect(output.filter((item) => item.json.error)).toEqual([]);
		expect(new Set(output.map((item) => item.json.executionId)).size).toBe(4);
		expect(sandbox.current.stats().executionsStarted.wf_orders_sync).toBe(4);
		// The node was refused more times in a row than it would give up after with no progress...
		expect(posts().filter((r) => r.status === 429).length).toBeGreaterThan(MAX_STALLED_REFUSALS);
		// ...while the other client got through all along.
		expect(others.filter((status) => status === 200).length).toBeGreaterThan(20);
	}, 60_000);

	it.each([
		['without rate-limit headers', WITHOUT_RATE_HEADERS],
		['that says calls are left', WITH_CALLS_LEFT],
	])(
		'a Benchwork refusing everyone %s fails the item after the stated number of refusals',
		async (_label, headers) => {
			refuseEveryone(headers);
			const error = await runError(runBenchwork(sandbox.current, trigger));
			expect(error.message).toMatch(
				/^Benchwork kept refusing requests over its rate limit \(429\)/,
			);
			expect(error.description).toContain(`${MAX_STALLED_REFUSALS} refusals in a row`);
			expect(posts()).toHaveLength(MAX_STALLED_REFUSALS + 1);
			expect(sandbox.current.stats().executionsStarted.wf_orders_sync ?? 0).toBe(0);
		},
		30_000,
	);

	it('under Continue On Fail, items after the first give up at their first refusal', async () => {
		refuseEveryone(WITHOUT_RATE_HEADERS);
		const output = await runBenchwork(sandbox.current, trigger, {
			items: items(3),
			continueOnFail: true,
		});
		expect(output.map((item) => item.json.error)).toEqual(
			[0, 1, 2].map((n) => expect.stringMatching(new RegExp(`\\(429\\).*\\[item ${n}\\]$`))),
		);
		expect(posts()).toHaveLength(MAX_STALLED_REFUSALS + 1 + 2);
	}, 30_000);

	it('once Benchwork answers again, the next run is not cut short by the earlier refusals', async () => {
		refuseEveryone(WITHOUT_RATE_HEADERS);
		await runError(runBenchwork(sandbox.current, trigger));
		sandbox.current.clearFaults();
		sandbox.current.addFault({
			method: 'POST',
			path: '/trigger',
			status: 429,
			headers: { 'Retry-After': '1', ...WITHOUT_RATE_HEADERS },
		});
		// Benchwork answers again; after that, a single refusal is waited out and retried.
		const output = await runBenchwork(sandbox.current, getWorkflow());
		expect(output[0].json.id).toBe('wf_orders_sync');
		const [item] = await runBenchwork(sandbox.current, trigger);
		expect(item.json.executionId).toEqual(expect.any(String));
		expect(posts().map((r) => r.status)).toEqual([
			...Array(MAX_STALLED_REFUSALS + 1).fill(429),
			429,
			201,
		]);
	}, 30_000);
});

describe('requests on their way at once, refused together', () => {
	it('count as one refusal: reads sent ahead into a window someone else spent wait for it and get through', async () => {
		// 20 calls per 3 s: the first read's answer (held back 500 ms) says 19 are left, but another
		// client spends them meanwhile, so the 12 reads sent ahead after it all meet a spent window.
		const windowMs = 3000;
		sandbox.current.configure({ rateLimit: { limit: 20, windowMs } });
		sandbox.current.addFault({ method: 'GET', path: '/workflows/wf_newsletter', delayMs: 500 });
		const ids = ['wf_newsletter', ...Array<string>(12).fill('wf_orders_sync')];
		await sleep(windowMs - (Date.now() % windowMs) + 5); // all of this within one window
		const run = runBenchwork(sandbox.current, getWorkflow('={{ $json.workflowId }}'), {
			items: items(ids.length, (n) => ({ workflowId: ids[n] })),
		});
		await sandbox.current.waitFor(() => sandbox.current.stats().requests.length > 0);
		await spendWindow(sandbox.current);
		const output = await run;
		expect(output.map((item) => item.json.error)).toEqual(ids.map(() => undefined));
		expect(output.map((item) => item.json.id)).toEqual(ids);
		// Refused together more often than a streak of refusals allows (else this proves nothing).
		const refused = sandbox.current
			.stats()
			.requests.filter((r: Logged & { path: string }) => r.status === 429);
		expect(refused.length).toBeGreaterThan(MAX_STALLED_REFUSALS + 1);
	}, 30_000);
});

describe('the refusal streak, by its clock', () => {
	const stalled = { 'retry-after': '1' };

	it('refusals far apart in time are not "in a row": a later burst of work starts a new streak', () => {
		const key = 'streak-gap-test';
		let now = 1_000_000;
		for (let refusal = 0; refusal < MAX_STALLED_REFUSALS; refusal++)
			expect(noteRefusal(key, stalled, 0, (now += 1000))).toBe(true);
		expect(noteRefusal(key, stalled, 0, (now += 1000))).toBe(false);
		expect(noteRefusal(key, stalled, 0, (now += 1000))).toBe(false);
		// Ten minutes later, with no answer in between, the first refusal is retried again.
		expect(noteRefusal(key, stalled, 0, (now += 10 * 60_000))).toBe(true);
	});

	it('a refusal naming a later, spent window is progress, however many came before', () => {
		const key = 'streak-progress-test';
		let now = 2_000_000_000;
		for (let refusal = 0; refusal < 3 * MAX_STALLED_REFUSALS; refusal++) {
			now += 60_000;
			expect(
				noteRefusal(
					key,
					{ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.ceil(now / 1000) + 30) },
					0,
					now,
				),
			).toBe(true);
		}
	});
});

import { getWorkflow, items, runBenchwork, useSandbox } from '../../../helpers/sandbox';

const sandbox = useSandbox({ executionDelayMs: 50 });

type Logged = { method: string; status: number | null; at: number };
const requests = (): Logged[] => sandbox.current.stats().requests;

/** One 429 with exactly these rate-limit headers (null removes the sandbox's own). */
function refuseOnce(headers: Record<string, string | null>) {
	sandbox.current.addFault({
		method: 'GET',
		path: '/workflows',
		status: 429,
		headers: {
			'Retry-After': null,
			'X-RateLimit-Remaining': null,
			'X-RateLimit-Reset': null,
			...headers,
		},
	});
}

describe('rate-limit headers: both forms HTTP allows, and what is not plausible is ignored', () => {
	it('Retry-After as an HTTP date: the retry waits until that time', async () => {
		const retryAt = Math.ceil(Date.now() / 1000) * 1000 + 3000;
		refuseOnce({ 'Retry-After': new Date(retryAt).toUTCString() });
		const [item] = await runBenchwork(sandbox.current, getWorkflow());
		expect(item.json.id).toBe('wf_orders_sync');
		const [refused, retried] = requests();
		expect([refused.status, retried.status]).toEqual([429, 200]);
		expect(retried.at).toBeGreaterThanOrEqual(retryAt - 50);
	}, 20_000);

	it('Retry-After as seconds still works', async () => {
		refuseOnce({ 'Retry-After': '2' });
		await runBenchwork(sandbox.current, getWorkflow());
		const [refused, retried] = requests();
		expect(retried.at - refused.at).toBeGreaterThanOrEqual(1950);
	}, 20_000);

	// The README promises a reset that is clearly not Unix seconds is ignored, not waited for.
	it.each([
		['in milliseconds', () => String(Date.now() + 2000)],
		['a day away', () => String(Math.ceil(Date.now() / 1000) + 86_400)],
		['ten minutes away', () => String(Math.ceil(Date.now() / 1000) + 600)],
	])(
		'X-RateLimit-Reset %s after a 429 is ignored: the retry comes after the default pause, not a minute later',
		async (_label, reset) => {
			refuseOnce({ 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': reset() });
			const [item] = await runBenchwork(sandbox.current, getWorkflow());
			expect(item.json.id).toBe('wf_orders_sync');
			const [refused, retried] = requests();
			expect(retried.at - refused.at).toBeLessThan(10_000);
		},
		20_000,
	);

	it.each([
		['in milliseconds', () => String(Date.now() + 2000)],
		['a day away', () => String(Math.ceil(Date.now() / 1000) + 86_400)],
	])(
		'a spent window whose reset is %s does not hold up the next item',
		async (_label, reset) => {
			sandbox.current.addFault({
				method: 'GET',
				path: '/workflows',
				status: 200,
				body: { id: 'wf_orders_sync' },
				headers: { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': reset() },
			});
			const output = await runBenchwork(sandbox.current, getWorkflow(), { items: items(2) });
			expect(output.map((item) => item.json.id)).toEqual(['wf_orders_sync', 'wf_orders_sync']);
			const [first, second] = requests();
			expect(second.at - first.at).toBeLessThan(10_000);
		},
		20_000,
	);
});

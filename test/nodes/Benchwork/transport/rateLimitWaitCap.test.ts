import { MAX_RATE_LIMIT_WAIT_MS } from '../../../../nodes/Benchwork/transport/rateLimit';
import { getWorkflow, runBenchwork, runError, useSandbox } from '../../../helpers/sandbox';

const sandbox = useSandbox();

function refuse(retryAfter: string) {
	sandbox.current.addFault({
		method: 'GET',
		path: '/workflows',
		status: 429,
		times: 0,
		headers: {
			'Retry-After': retryAfter,
			'X-RateLimit-Remaining': null,
			'X-RateLimit-Reset': null,
		},
	});
}

describe('transport: a 429 asking for a longer wait than the node waits', () => {
	it.each([
		['as seconds', () => '3600', /asks to wait 3600 s \(Retry-After\)/],
		[
			'as an HTTP date',
			() => new Date(Date.now() + 600_000).toUTCString(),
			/asks to wait (59\d|600) s \(Retry-After\)/,
		],
	])(
		'fails at once with the server’s wait (%s), sending nothing more',
		async (_label, value, wait) => {
			refuse(value());
			const startedAt = Date.now();
			const error = await runError(runBenchwork(sandbox.current, getWorkflow()));
			expect(Date.now() - startedAt).toBeLessThan(MAX_RATE_LIMIT_WAIT_MS / 10);
			expect(error.message).toMatch(wait);
			expect(error.message).toMatch(
				/longer than the node waits \(65 s\): Sandbox fault \(HTTP 429\) \[item 0\]$/,
			);
			expect(error.description).toMatch(
				/^The request was refused before Benchwork did any work, and not sent again\. Run this again after \d+ s/,
			);
			expect(sandbox.current.stats().requests).toHaveLength(1);
		},
	);

	it('a Retry-After within the cap is still waited out', async () => {
		sandbox.current.addFault({
			method: 'GET',
			path: '/workflows',
			status: 429,
			headers: { 'Retry-After': '1', 'X-RateLimit-Remaining': null, 'X-RateLimit-Reset': null },
		});
		const [item] = await runBenchwork(sandbox.current, getWorkflow());
		expect(item.json.id).toBe('wf_orders_sync');
		expect(sandbox.current.stats().requests.map((request) => request.status)).toEqual([429, 200]);
	});
});

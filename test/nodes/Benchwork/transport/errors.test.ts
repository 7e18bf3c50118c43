import {
	getWorkflow,
	KEYS,
	runBenchwork,
	runError,
	startWorkflow,
	useSandbox,
} from '../../../helpers/sandbox';
import { runNode } from '../../../helpers/n8nHarness';
import { Benchwork } from '../../../../nodes/Benchwork/Benchwork.node';

const sandbox = useSandbox();

/** Makes every GET /workflows/... answer `status` with `body` (and retries see it too). */
function failWith(status: number, body?: string, contentType = 'application/json') {
	sandbox.current.addFault({
		method: 'GET',
		path: '/workflows',
		status,
		body,
		contentType,
		times: 0,
	});
}

describe('transport: one clear error per HTTP status', () => {
	it('400 quotes Benchwork’s explanation', async () => {
		failWith(
			400,
			JSON.stringify({ error: { code: 'bad_request', message: 'storeId must be a string' } }),
		);
		const error = await runError(runBenchwork(sandbox.current, getWorkflow()));
		expect(error.message).toBe(
			'Benchwork rejected the request as invalid (400): storeId must be a string [item 0]',
		);
		expect(error.description).toMatch(/Check the parameter/);
	});

	it('401 says the key was not accepted and where to get a new one', async () => {
		const error = await runError(
			runNode({
				nodeType: new Benchwork(),
				parameters: getWorkflow(),
				credentials: { apiKey: 'bw_live_wrong', baseUrl: sandbox.current.baseUrl },
			}),
		);
		expect(error.message).toMatch(/^Benchwork did not accept the API key \(401\)/);
		expect((error as { description?: string }).description).toMatch(/Settings → API Keys/);
	});

	it('403 says the plan lacks API access and how to upgrade', async () => {
		const error = await runError(
			runNode({
				nodeType: new Benchwork(),
				parameters: getWorkflow(),
				credentials: { apiKey: KEYS.starter, baseUrl: sandbox.current.baseUrl },
			}),
		);
		expect(error.message).toMatch(/^Benchwork refused access for this key \(403\)/);
		expect((error as { description?: string }).description).toMatch(/Enterprise/);
	});

	it('404 names what was missing', async () => {
		const error = await runError(runBenchwork(sandbox.current, getWorkflow('wf_gone')));
		expect(error.message).toBe('Benchwork has no workflow "wf_gone" (404) [item 0]');
		expect(error.httpCode).toBe('404');
	});

	it('413 says the payload is too large and what to do instead', async () => {
		const payload = JSON.stringify({ blob: 'x'.repeat(1_100_000) });
		const error = await runError(
			runBenchwork(sandbox.current, startWorkflow('wf_orders_sync', { payload })),
		);
		expect(error.message).toMatch(/^Benchwork refused the request as too large \(413\)/);
		expect(error.description).toMatch(/smaller Payload/);
		expect(sandbox.current.stats().executionsStarted.wf_orders_sync ?? 0).toBe(0);
	});

	it('429 that never clears ends in an error about the rate limit, not a hang', async () => {
		sandbox.current.addFault({
			method: 'GET',
			path: '/workflows',
			status: 429,
			headers: { 'Retry-After': '0.01' },
			times: 0,
		});
		const error = await runError(runBenchwork(sandbox.current, getWorkflow()));
		expect(error.message).toMatch(/^Benchwork kept refusing requests over its rate limit \(429\)/);
		expect(error.description).toMatch(/same API key/);
	}, 20_000);

	it('500 after retries says the problem is on Benchwork’s side', async () => {
		failWith(500, JSON.stringify({ error: { code: 'internal', message: 'database unavailable' } }));
		const error = await runError(runBenchwork(sandbox.current, getWorkflow()));
		expect(error.message).toBe('Benchwork had a server error (500): database unavailable [item 0]');
		expect(error.description).toMatch(/Benchwork's side/);
	});

	it('an undocumented status (418) is reported with the request and status', async () => {
		failWith(418, 'I am a teapot', 'text/plain');
		const error = await runError(runBenchwork(sandbox.current, getWorkflow()));
		expect(error.message).toBe(
			'Benchwork answered GET /workflows/wf_orders_sync with HTTP 418: I am a teapot [item 0]',
		);
	});

	it.each([
		[
			'an HTML page from a proxy',
			'<html><body><h1>502 Bad Gateway</h1></body></html>',
			'text/html',
			'Benchwork had a server error (502) [item 0]',
		],
		['an empty body', '', 'application/json', 'Benchwork had a server error (502) [item 0]'],
		[
			'plain text',
			'upstream timed out',
			'text/plain',
			'Benchwork had a server error (502): upstream timed out [item 0]',
		],
		[
			'JSON of another shape',
			'{"message":"gateway says no"}',
			'application/json',
			'Benchwork had a server error (502): gateway says no [item 0]',
		],
	])('copes with %s as error body', async (_label, body, contentType, message) => {
		failWith(502, body, contentType);
		const error = await runError(runBenchwork(sandbox.current, getWorkflow()));
		expect(error.message).toBe(message);
	});

	it('the sandbox being unreachable gives a network error naming the base URL', async () => {
		const error = await runError(
			runNode({
				nodeType: new Benchwork(),
				parameters: getWorkflow(),
				credentials: { apiKey: KEYS.enterprise, baseUrl: 'http://127.0.0.1:9/api/v1' },
			}),
		);
		expect(error.message).toBe(
			'Could not get an answer from Benchwork at http://127.0.0.1:9/api/v1: the connection was refused (is the service running at that address?) [item 0]',
		);
	});
});

describe('transport: retries', () => {
	it('retries a GET after transient 503s and succeeds', async () => {
		sandbox.current.addFault({ method: 'GET', path: '/workflows', status: 503, times: 2 });
		const output = await runBenchwork(sandbox.current, getWorkflow());
		expect(output[0].json.id).toBe('wf_orders_sync');
		const gets = sandbox.current.stats().requests.filter((r) => r.method === 'GET');
		expect(gets.map((r) => r.status)).toEqual([503, 503, 200]);
	});

	it('retries a GET whose connection was dropped', async () => {
		sandbox.current.addFault({ method: 'GET', path: '/workflows', drop: true, times: 1 });
		const output = await runBenchwork(sandbox.current, getWorkflow());
		expect(output[0].json.id).toBe('wf_orders_sync');
	});

	it('gives up on a GET after a bounded number of retries', async () => {
		failWith(500);
		await runError(runBenchwork(sandbox.current, getWorkflow()));
		expect(sandbox.current.stats().requests).toHaveLength(4);
	});

	it('waits for a slow answer instead of failing', async () => {
		sandbox.current.addFault({ method: 'GET', path: '/workflows', delayMs: 800, times: 1 });
		const output = await runBenchwork(sandbox.current, getWorkflow());
		expect(output[0].json.id).toBe('wf_orders_sync');
		expect(sandbox.current.stats().requests).toHaveLength(1);
	});
});

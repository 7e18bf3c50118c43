import { runNode } from '../../../helpers/n8nHarness';
import {
	getWorkflow,
	items,
	KEYS,
	runBenchwork,
	runError,
	startAndWait,
	startWorkflow,
	useSandbox,
} from '../../../helpers/sandbox';
import { Benchwork } from '../../../../nodes/Benchwork/Benchwork.node';

const sandbox = useSandbox({ executionDelayMs: 50 });
const key = KEYS.enterprise;

/** A 400 (never retried) whose body is `body`. */
function refuseWith(body: string, contentType = 'text/plain') {
	sandbox.current.addFault({
		method: 'GET',
		path: '/workflows',
		status: 400,
		body,
		contentType,
		times: 0,
	});
}

describe('error text: bounded work, redacted before it is cut', () => {
	// The old markup check was quadratic: a body like this blocked n8n's event loop for minutes.
	it('a 1 MB error body of "<a" gives a short message at once, not a frozen event loop', async () => {
		refuseWith('<a'.repeat(512 * 1024));
		const error = await runError(runBenchwork(sandbox.current, getWorkflow()));
		expect(error.message).toMatch(
			/^Benchwork rejected the request as invalid \(400\): (<a)+…? \[item 0\]$/,
		);
		expect(error.message.length).toBeLessThan(400);
	}, 20_000);

	it('a huge HTML page from a proxy is not quoted', async () => {
		refuseWith(`<html><body>${'<p>proxy says no</p>'.repeat(60_000)}</body></html>`, 'text/html');
		const error = await runError(runBenchwork(sandbox.current, getWorkflow()));
		expect(error.message).toBe('Benchwork rejected the request as invalid (400) [item 0]');
	});

	// 286 characters, then the key: cutting at 300 before redacting would keep its first 14.
	it.each([
		['the key on its own', `${'x'.repeat(286)}${key} and more`],
		['the key after "Bearer"', `${'x'.repeat(279)}Bearer ${key} and more`],
	])(
		'a key that straddles the quoting limit leaves no part of itself (%s)',
		async (_label, message) => {
			refuseWith(
				JSON.stringify({ error: { code: 'invalid_request', message } }),
				'application/json',
			);
			const error = await runError(runBenchwork(sandbox.current, getWorkflow()));
			expect(error.message).toMatch(/^Benchwork rejected the request as invalid \(400\): x+/);
			expect(error.message).not.toContain(key.slice(0, 8));
			expect(error.message).not.toContain(key.slice(-8));
		},
	);

	it('a failed run’s reason is redacted and bounded like every other text', async () => {
		sandbox.current.setWorkflow('wf_leaky_failure', {
			outcome: 'failed',
			durationMs: 50,
			failure: {
				step: 'Charge card',
				message: `upstream said: Authorization: Bearer ${key}; key=${key} ${'detail '.repeat(3000)}`,
			},
		});
		const error = await runError(runBenchwork(sandbox.current, startAndWait('wf_leaky_failure')));
		expect(error.message).toMatch(
			/^Benchwork run \S+ of workflow wf_leaky_failure failed: upstream said: Authorization: Bearer \[redacted\]/,
		);
		expect(error.message).not.toContain(key);
		expect(error.message.length).toBeLessThan(500);
		// Under Continue On Fail the item still carries the whole execution, as Benchwork sent it.
		const [item] = await runBenchwork(sandbox.current, startAndWait('wf_leaky_failure'), {
			continueOnFail: true,
		});
		expect(String(item.json.error)).not.toContain(key);
		expect(String(item.json.error).length).toBeLessThan(500);
	});
});

describe('error text: the base URL’s user info never shows', () => {
	// n8n's HTTP client sends URL user info as Basic auth in place of the key's header.
	it('a base URL with user info is refused before anything is sent, and the user info is not shown', async () => {
		const baseUrl = sandbox.current.baseUrl.replace('http://', 'http://n8n-proxy-user:pr0xy-pa55@');
		const error = await runError(
			runNode({
				nodeType: new Benchwork(),
				parameters: getWorkflow(),
				credentials: { apiKey: key, baseUrl },
			}),
		);
		expect(error.message).toBe(
			`The credential's Base URL "${sandbox.current.baseUrl}" contains a user name or password (…@) [item 0]`,
		);
		expect(`${error.message} ${(error as { description?: string }).description}`).not.toMatch(
			/n8n-proxy-user|pr0xy-pa55/,
		);
		expect(sandbox.current.stats().requests).toHaveLength(0);
	});
});

describe('error text: a local failure is told apart from a network one', () => {
	const triggerEach = startWorkflow('wf_orders_sync', { payload: '={{ $json.payload }}' });

	it('a payload that cannot be serialised fails its input check: nothing is sent, for any item', async () => {
		const error = await runError(
			runBenchwork(
				sandbox.current,
				{
					...triggerEach,
					payload:
						'={{ $itemIndex === 1 ? { toJSON: () => { throw new Error("not serialisable") } } : { n: $itemIndex } }}',
				},
				{ items: items(3) },
			),
		);
		expect(error.message).toBe(
			'Payload: cannot be turned into JSON (not serialisable), so nothing was sent [item 1]',
		);
		expect(error.description).not.toMatch(/may have reached Benchwork/);
		expect(sandbox.current.stats().requests).toHaveLength(0);
	});

	function nested(depth: number) {
		let value: Record<string, unknown> = { end: true };
		for (let level = 0; level < depth; level++) value = { a: value };
		return value;
	}

	it.each([
		['contains itself', '={{ (() => { const o = { a: 1 }; o.self = o; return o; })() }}', {}],
		['is nested 5,000 levels deep', '={{ $json.payload }}', { payload: nested(5000) }],
	])(
		'a payload that %s is refused as input, not as a network failure',
		async (_label, payload, json) => {
			const error = await runError(
				runBenchwork(
					sandbox.current,
					{ ...triggerEach, payload },
					{ items: [{ json: json as never }] },
				),
			);
			expect(error.message).toMatch(
				/^Payload: could not be read \(.+\): is it nested too deeply, or does it contain itself\? \[item 0\]$/,
			);
			expect(sandbox.current.stats().requests).toHaveLength(0);
		},
	);
});

import { CaptureServer } from '../../../helpers/captureServer';
import {
	getWorkflow,
	KEYS,
	runBenchwork,
	runError,
	startWorkflow,
	useSandbox,
} from '../../../helpers/sandbox';

const sandbox = useSandbox({ executionDelayMs: 50 });
let elsewhere: CaptureServer;

beforeAll(async () => {
	elsewhere = await CaptureServer.start();
});
beforeEach(() => elsewhere.reset());
afterAll(async () => {
	await elsewhere.close();
});

const trigger = startWorkflow('wf_orders_sync', { payload: '{"orderId": 42}' });

function redirectTo(method: string, path: string, status: number, location: string) {
	sandbox.current.addFault({
		method,
		path,
		status,
		body: '',
		headers: { Location: location },
		times: 0,
	});
}

const STATUSES = [301, 302, 303, 307, 308];

describe('transport: a redirect is never followed', () => {
	it.each(STATUSES)(
		'a GET answered %i to another host fails, naming the status and that host; the host gets nothing',
		async (status) => {
			redirectTo(
				'GET',
				'/workflows',
				status,
				`${elsewhere.origin}/api/v1/workflows/wf_orders_sync`,
			);
			const error = await runError(runBenchwork(sandbox.current, getWorkflow()));
			expect(error.message).toBe(
				`Benchwork at ${sandbox.current.baseUrl} answered with a redirect (${status}) to ${elsewhere.origin}; it was not followed [item 0]`,
			);
			expect(error.description).toMatch(/Base URL/);
			expect(elsewhere.requests).toEqual([]);
			expect(sandbox.current.stats().requests).toHaveLength(1);
		},
	);

	it.each(STATUSES)(
		'a trigger answered %i is not reported as a started run, and neither key nor payload goes elsewhere',
		async (status) => {
			redirectTo(
				'POST',
				'/trigger',
				status,
				`${elsewhere.origin}/api/v1/workflows/wf_orders_sync/trigger`,
			);
			const output = await runBenchwork(sandbox.current, trigger, { continueOnFail: true });
			expect(output).toHaveLength(1);
			expect(output[0].json.executionId).toBeUndefined();
			expect(output[0].json.error).toBe(
				`Benchwork at ${sandbox.current.baseUrl} answered with a redirect (${status}) to ${elsewhere.origin}; it was not followed [item 0]`,
			);
			expect(elsewhere.requests).toEqual([]);
			expect(sandbox.current.stats().triggerAttempts.wf_orders_sync).toBe(1);
		},
	);

	it('never shows user info from the Location, only its origin', async () => {
		const port = new URL(elsewhere.origin).port;
		redirectTo(
			'GET',
			'/workflows',
			302,
			`http://admin:hunter2@127.0.0.1:${port}/login?token=abc#frag`,
		);
		const error = await runError(runBenchwork(sandbox.current, getWorkflow()));
		expect(error.message).toContain(`to http://127.0.0.1:${port};`);
		expect(`${error.message} ${error.description}`).not.toMatch(/admin|hunter2|token=abc|frag/);
		expect(elsewhere.requests).toEqual([]);
	});

	it('a redirect within the same host is not followed either', async () => {
		redirectTo('GET', '/workflows', 301, '/api/v2/workflows/wf_orders_sync');
		const error = await runError(runBenchwork(sandbox.current, getWorkflow()));
		expect(error.message).toBe(
			`Benchwork at ${sandbox.current.baseUrl} answered with a redirect (301) to ${sandbox.current.origin}; it was not followed [item 0]`,
		);
		expect(sandbox.current.stats().requests).toHaveLength(1);
	});

	it('the error names neither the key nor the payload', async () => {
		redirectTo('POST', '/trigger', 307, `${elsewhere.origin}/x`);
		const error = await runError(runBenchwork(sandbox.current, trigger));
		const shown = JSON.stringify({ message: error.message, description: error.description });
		expect(shown).not.toContain(KEYS.enterprise);
		expect(shown).not.toContain('orderId');
	});
});

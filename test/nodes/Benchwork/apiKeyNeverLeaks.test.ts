import { inspect } from 'util';

import { capturedLogs } from '../../helpers/n8nHarness';
import {
	byId,
	KEYS,
	runBenchwork,
	runError,
	startAndWait,
	useSandbox,
} from '../../helpers/sandbox';

const sandbox = useSandbox({ executionDelayMs: 50 });

/** Everything a user, a log or a saved execution could show of a value. */
function exposed(value: unknown): string {
	return `${JSON.stringify(value)}\n${inspect(value, { depth: 20, showHidden: true })}`;
}

describe('the API key never leaks', () => {
	const key = KEYS.enterprise;

	it('is not in the output of any operation, nor in anything logged', async () => {
		const outputs = [
			await runBenchwork(sandbox.current, {
				resource: 'workflow',
				operation: 'getAll',
				limit: 5,
				filters: {},
			}),
			await runBenchwork(sandbox.current, {
				resource: 'workflow',
				operation: 'get',
				workflowId: byId('wf_orders_sync'),
			}),
			await runBenchwork(sandbox.current, startAndWait('wf_orders_sync', { payload: '{"x":1}' })),
			await runBenchwork(sandbox.current, {
				resource: 'execution',
				operation: 'getAll',
				limit: 5,
				filters: {},
			}),
		];
		expect(exposed(outputs)).not.toContain(key);
		expect(exposed(capturedLogs)).not.toContain(key);
	});

	it.each([
		['a 401', { status: 401, body: '{"error":{"message":"bad key"}}' }],
		[
			'a 500 echoing the request headers',
			{
				status: 500,
				body: `{"error":{"message":"failed request with Authorization: Bearer ${KEYS.enterprise}"}}`,
			},
		],
		['a dropped connection', { drop: true }],
	])('is not in the error after %s, thrown or passed on as an item', async (_label, fault) => {
		sandbox.current.addFault({ method: 'GET', path: '/workflows', times: 0, ...fault });
		const parameters = {
			resource: 'workflow',
			operation: 'get',
			workflowId: byId('wf_orders_sync'),
		};
		const error = await runError(runBenchwork(sandbox.current, parameters));
		const items = await runBenchwork(sandbox.current, parameters, { continueOnFail: true });
		expect(items[0].json.error).toBeTruthy();
		expect(exposed(error)).not.toContain(key);
		expect(exposed(items)).not.toContain(key);
		expect(exposed(capturedLogs)).not.toContain(key);
	});
});

import { MAX_PAYLOAD_DEPTH } from '../../../../../../nodes/Benchwork/actions/workflow/start/payload';
import { Benchwork } from '../../../../../../nodes/Benchwork/Benchwork.node';
import { CaptureServer } from '../../../../../helpers/captureServer';
import { runNode } from '../../../../../helpers/n8nHarness';
import {
	callSandbox,
	KEYS,
	runBenchwork,
	runError,
	startWorkflow,
	useSandbox,
} from '../../../../../helpers/sandbox';

const sandbox = useSandbox();

const trigger = startWorkflow('wf_orders_sync');

function nested(depth: number) {
	let value: Record<string, unknown> = { end: true };
	for (let level = 1; level < depth; level++) value = { a: value };
	return value;
}

async function payloadOf(executionId: unknown): Promise<unknown> {
	const { body } = await callSandbox<{ payload?: unknown }>(
		sandbox.current,
		`/executions/${String(executionId)}`,
	);
	return body.payload;
}

describe('Workflow → Trigger: the Payload field', () => {
	it('defaults to {} (which n8n’s JSON editor shows without an error mark)', () => {
		const field = new Benchwork().description.properties.find((p) => p.name === 'payload');
		expect(field?.type).toBe('json');
		expect(field?.default).toBe('{}');
	});

	it('sends a given object under "payload" (the control for the next test)', async () => {
		const [item] = await runBenchwork(sandbox.current, { ...trigger, payload: '{"orderId": 42}' });
		expect(await payloadOf(item.json.executionId)).toEqual({ orderId: 42 });
	});

	it.each([
		['untouched ({})', '{}'],
		['emptied', ''],
		['an empty object with spaces', ' {\n} '],
	])('sends no payload when %s (the request body, as received)', async (_label, payload) => {
		const capture = await CaptureServer.start();
		try {
			await runNode({
				nodeType: new Benchwork(),
				parameters: { ...trigger, payload },
				credentials: { apiKey: KEYS.enterprise, baseUrl: capture.origin },
			});
			// n8n's request helper sends an empty object as no body at all.
			expect(capture.requests.map(({ method, body }) => ({ method, body }))).toEqual([
				{ method: 'POST', body: '' },
			]);
		} finally {
			await capture.close();
		}
	});

	it(`a payload nested more than ${MAX_PAYLOAD_DEPTH} levels is an input error naming the item, and nothing is sent`, async () => {
		const error = await runError(
			runBenchwork(
				sandbox.current,
				{ ...trigger, payload: '={{ $json.payload }}' },
				{
					items: [
						{ json: { payload: { ok: true } } },
						{ json: { payload: nested(MAX_PAYLOAD_DEPTH + 1) as never } },
					],
				},
			),
		);
		expect(error.message).toBe(
			`Payload: is nested more than ${MAX_PAYLOAD_DEPTH} levels deep, too deep to send; nothing was sent [item 1]`,
		);
		expect(sandbox.current.stats().requests).toHaveLength(0);
	});

	it(`a payload exactly ${MAX_PAYLOAD_DEPTH} levels deep is sent`, async () => {
		const [item] = await runBenchwork(
			sandbox.current,
			{ ...trigger, payload: '={{ $json.payload }}' },
			{ items: [{ json: { payload: nested(MAX_PAYLOAD_DEPTH) as never } }] },
		);
		expect(item.json.executionId).toEqual(expect.any(String));
	});
});

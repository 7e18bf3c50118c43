import { runNode } from '../../../helpers/n8nHarness';
import { credentialsFor, runError, useSandbox } from '../../../helpers/sandbox';
import { RequestProbe } from './requestProbe';

const sandbox = useSandbox();

function send(request: Record<string, unknown>) {
	return runNode({
		nodeType: new RequestProbe(),
		typeName: 'test.requestProbe',
		parameters: {},
		credentials: credentialsFor(sandbox.current),
		items: [{ json: request as never }],
	});
}

const sent = (path: string) =>
	sandbox.current.stats().requests.filter((request) => request.path.endsWith(path));

describe('transport: whether a request is sent again is declared per request', () => {
	it('a POST is by default not sent again after a 500, and the error says only the neutral fact', async () => {
		sandbox.current.addFault({ method: 'POST', path: '/webhooks', status: 500, times: 1 });
		const error = await runError(
			send({
				method: 'POST',
				path: '/webhooks',
				body: {
					url: 'https://example.com/h',
					events: ['execution.completed'],
					secret: 'x'.repeat(64),
				},
			}),
		);
		expect(error.message).toMatch(/server error \(500\)/);
		expect(error.description).toContain(
			'The request may have reached Benchwork, so it was not sent again.',
		);
		// The trigger's wording belongs to Workflow → Trigger alone.
		expect(error.description).not.toMatch(/twice/);
		expect(sent('/webhooks')).toHaveLength(1);
	});

	it('a POST declared repeatable is sent again after a 500 and succeeds', async () => {
		sandbox.current.addFault({ method: 'POST', path: '/webhooks', status: 500, times: 1 });
		const [[item]] = await send({
			method: 'POST',
			path: '/webhooks',
			repeatable: true,
			body: {
				url: 'https://example.com/h',
				events: ['execution.completed'],
				secret: 'y'.repeat(64),
			},
		});
		expect(item.json.statusCode).toBeLessThan(300);
		expect(item.json.notes).toEqual([]);
		expect(sent('/webhooks').map((request) => request.status)).toEqual([500, item.json.statusCode]);
	});

	it('a GET declared not repeatable is not sent again after a 500', async () => {
		sandbox.current.addFault({ method: 'GET', path: '/workflows', status: 500, times: 1 });
		const error = await runError(send({ method: 'GET', path: '/workflows', repeatable: false }));
		expect(error.message).toMatch(/server error \(500\)/);
		expect(sent('/workflows')).toHaveLength(1);
	});

	it('a body that cannot be serialised fails before anything is sent, and says so', async () => {
		let body: Record<string, unknown> = { end: true };
		for (let level = 0; level < 20_000; level++) body = { a: body };
		const error = await runError(send({ method: 'POST', path: '/webhooks', body }));
		expect(error.message).toMatch(/could not be prepared, so nothing was sent/);
		expect(error.description).not.toMatch(/may have reached/);
		expect(sandbox.current.stats().requests).toHaveLength(0);
	});
});

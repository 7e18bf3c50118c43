import { SsrfProtectionConfig } from '@n8n/config';
import { Container } from '@n8n/di';

import { byId, credentialsFor, runBenchwork, runError, useSandbox } from '../../../helpers/sandbox';

const sandbox = useSandbox({ executionDelayMs: 50 });
const getWorkflow = { resource: 'workflow', operation: 'get', workflowId: byId('wf_orders_sync') };

/**
 * n8n 2.x with N8N_SSRF_PROTECTION_ENABLED=true and nothing allowed: its request helper refuses
 * a private or local address (the sandbox is on 127.0.0.1) before connecting.
 */
beforeEach(() => {
	Container.get(SsrfProtectionConfig).enabled = true;
});
afterEach(() => {
	Container.get(SsrfProtectionConfig).enabled = false;
});

describe("transport: n8n's SSRF protection refuses the Base URL's host", () => {
	it('a Base URL given as an address: the error says so and names N8N_SSRF_ALLOWED_IP_RANGES with that address; Benchwork gets nothing', async () => {
		const error = await runError(runBenchwork(sandbox.current, getWorkflow));
		expect(error.message).toMatch(
			/^n8n's SSRF protection blocked the request to Benchwork at http:\/\/127\.0\.0\.1:\d+\/api\/v1; nothing was sent/,
		);
		expect(error.description).toMatch(/N8N_SSRF_ALLOWED_IP_RANGES=127\.0\.0\.1\/32\.$/);
		expect(sandbox.current.stats().requests).toEqual([]);
	});

	it('a Base URL with a host name: the error names N8N_SSRF_ALLOWED_HOSTNAMES with that name', async () => {
		const credentials = credentialsFor(sandbox.current);
		credentials.baseUrl = credentials.baseUrl.replace('127.0.0.1', 'localhost');
		const error = await runError(runBenchwork(sandbox.current, getWorkflow, { credentials }));
		expect(error.message).toMatch(/^n8n's SSRF protection blocked the request/);
		expect(error.description).toMatch(/N8N_SSRF_ALLOWED_HOSTNAMES=localhost\.$/);
		expect(sandbox.current.stats().requests).toEqual([]);
	});
});

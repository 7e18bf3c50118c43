import { runNode, TestCredentialsHelper } from '../../../helpers/n8nHarness';
import { getWorkflow, items, KEYS, runError, useSandbox } from '../../../helpers/sandbox';
import { Benchwork } from '../../../../nodes/Benchwork/Benchwork.node';

const sandbox = useSandbox();

function runWithBaseUrl(baseUrl: string) {
	return runError(
		runNode({
			nodeType: new Benchwork(),
			parameters: getWorkflow(),
			credentials: { apiKey: KEYS.enterprise, baseUrl },
		}),
	);
}

describe('credential: a Base URL that would break every path is refused before any request', () => {
	it.each([
		['a query', '?region=eu'],
		['a query after a trailing slash', '/?x=1'],
		['a fragment', '#docs'],
		['an empty query', '?'],
	])('%s', async (_label, suffix) => {
		const error = await runWithBaseUrl(`${sandbox.current.baseUrl}${suffix}`);
		expect(error.message).toMatch(
			/^The credential's Base URL ".*…" has a query or fragment \(\? or #\) \[item 0\]$/,
		);
		expect(error.message).not.toMatch(/region=eu|x=1|docs/);
		expect((error as { description?: string }).description).toMatch(
			/https:\/\/benchwork\.app\/api\/v1/,
		);
		expect(sandbox.current.stats().requests).toHaveLength(0);
	});

	it('a Base URL that is not http(s) is refused', async () => {
		const error = await runWithBaseUrl('ftp://127.0.0.1/api/v1');
		expect(error.message).toBe(
			'The credential\'s Base URL "ftp://127.0.0.1/api/v1" is not an http(s) URL [item 0]',
		);
	});

	it('a trailing slash is fine', async () => {
		await expect(
			runNode({
				nodeType: new Benchwork(),
				parameters: getWorkflow(),
				credentials: { apiKey: KEYS.enterprise, baseUrl: `${sandbox.current.baseUrl}/` },
			}),
		).resolves.toEqual([
			[expect.objectContaining({ json: expect.objectContaining({ id: 'wf_orders_sync' }) })],
		]);
	});
});

describe('credential: read once per node run', () => {
	afterEach(() => jest.restoreAllMocks());

	// n8n loads and decrypts a credential from its database each time it is asked for one;
	// asking once per request cost about 3 ms an item in n8n 2.x.
	it('a run of 5 items decrypts the credential once and still authenticates every request', async () => {
		const decrypt = jest.spyOn(TestCredentialsHelper.prototype, 'getDecrypted');
		const output = await runNode({
			nodeType: new Benchwork(),
			parameters: getWorkflow(),
			credentials: { apiKey: KEYS.enterprise, baseUrl: sandbox.current.baseUrl },
			items: items(5),
		});
		expect(output[0].map((item) => item.json.id)).toEqual(Array(5).fill('wf_orders_sync'));
		expect(
			sandbox.current
				.stats()
				.requests.filter((request) => request.path === '/api/v1/workflows/wf_orders_sync'),
		).toHaveLength(5);
		expect(decrypt).toHaveBeenCalledTimes(1);
	});
});

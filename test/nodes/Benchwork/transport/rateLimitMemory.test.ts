import {
	KEY_IDLE_MS,
	MAX_TRACKED_KEYS,
	recordAnswer,
	releaseCall,
	reserveCall,
	trackedKeyCount,
} from '../../../../nodes/Benchwork/transport/rateLimit';
import { credentialsFor, runBenchwork, useSandbox } from '../../../helpers/sandbox';
import { runNode } from '../../../helpers/n8nHarness';
import { Benchwork } from '../../../../nodes/Benchwork/Benchwork.node';

const sandbox = useSandbox();

const window = {
	'x-ratelimit-remaining': '5',
	'x-ratelimit-limit': '60',
	'x-ratelimit-reset': '1',
};

describe('transport: the rate-limit memory is bounded', () => {
	it('keeps at most MAX_TRACKED_KEYS keys however many credentials it has seen', () => {
		const now = Date.now();
		for (let n = 0; n < MAX_TRACKED_KEYS + 500; n++) recordAnswer(`key-${n}`, 200, window, now);
		expect(trackedKeyCount()).toBe(MAX_TRACKED_KEYS);
	});

	it('forgets keys idle longer than KEY_IDLE_MS, but never a key with a request on its way', () => {
		const now = Date.now();
		expect(reserveCall('busy', now)).toBe(0);
		recordAnswer('quiet', 200, window, now);
		recordAnswer('fresh', 200, window, now + KEY_IDLE_MS + 1);
		expect(trackedKeyCount()).toBe(2); // busy (in flight) and fresh
		releaseCall('busy');
		recordAnswer('fresh', 200, window, now + KEY_IDLE_MS + 2);
		expect(trackedKeyCount()).toBe(1);
	});

	it('over real HTTP: a run with a key the process has not seen adds one entry, and still works', async () => {
		const before = trackedKeyCount();
		await runNode({
			nodeType: new Benchwork(),
			parameters: { resource: 'workflow', operation: 'getAll', limit: 1 },
			credentials: { ...credentialsFor(sandbox.current), baseUrl: `${sandbox.current.baseUrl}/` },
		});
		const output = await runBenchwork(sandbox.current, {
			resource: 'workflow',
			operation: 'getAll',
			limit: 1,
		});
		expect(output).toHaveLength(1);
		expect(trackedKeyCount()).toBeLessThanOrEqual(Math.min(before + 1, MAX_TRACKED_KEYS));
	});
});

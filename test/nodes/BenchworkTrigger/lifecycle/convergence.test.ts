/**
 * One hook per webhook URL, whatever Benchwork does to the URL when it lists it, and however
 * activations overlap.
 */
import { useTriggerFixture } from '../fixture';
import type { SandboxHook } from '../fixture';

const fixture = useTriggerFixture();

/** The URL as a Benchwork that normalises URLs might list it. */
function listedDifferently(url: string): string {
	return `${url.replace(/^http:/, 'HTTP:')}/`;
}

/** Makes the next `GET /webhooks` list these hooks, with the given URL for each. */
function listOnce(hooks: SandboxHook[], urlOf: (hook: SandboxHook) => string): void {
	fixture.sandbox().addFault({
		method: 'GET',
		path: '/webhooks',
		status: 200,
		times: 1,
		body: {
			webhooks: hooks.map((hook) => ({
				webhookId: hook.webhookId,
				url: urlOf(hook),
				events: hook.events,
				createdAt: '2025-01-01T00:00:00.000Z',
			})),
		},
	});
}

async function deliverTo(hook: SandboxHook): Promise<number | null> {
	const result = (await fixture.sandbox().deliver({ webhookId: hook.webhookId })) as {
		status: number | null;
	};
	return result.status;
}

describe('Benchwork Trigger: webhook URLs compared normalised', () => {
	it('a restart finds its hook when Benchwork lists the URL with a trailing slash and an upper-case scheme', async () => {
		const workflow = fixture.workflow();
		await workflow.activate();
		const [hook] = fixture.hooks();
		listOnce([hook], (listed) => listedDifferently(listed.url));

		expect(await workflow.activate()).toEqual({ existed: true });
		expect(fixture.hooks()).toEqual([hook]);
	});

	it('activation after lost static data removes the hook Benchwork lists under a differently written URL', async () => {
		const workflow = fixture.workflow();
		await workflow.activate();
		const [old] = fixture.hooks();
		listOnce([old], (listed) => listedDifferently(listed.url));

		const restored = fixture.workflow(workflow.parameters, {
			webhookId: workflow.webhookId,
			staticData: {},
		});
		await restored.activate();

		const hooks = fixture.hooks();
		expect(hooks).toHaveLength(1);
		expect(hooks[0].webhookId).not.toBe(old.webhookId);
		expect(fixture.requests()).toContain(`DELETE /webhooks/${old.webhookId}`);
	});

	it('still leaves hooks for other URLs alone', async () => {
		const workflow = fixture.workflow();
		await workflow.activate('test');
		const [testHook] = fixture.hooks();
		await workflow.activate();
		expect(fixture.hooks().map((hook) => hook.webhookId)).toContain(testHook.webhookId);
		expect(fixture.hooks()).toHaveLength(2);
	});
});

describe('Benchwork Trigger: activations at the same moment', () => {
	async function expectOneWorkingHook(
		workflow: ReturnType<typeof fixture.workflow>,
	): Promise<void> {
		const hooks = fixture.hooks();
		expect(hooks).toHaveLength(1);
		expect(workflow.nodeStaticData().webhookId).toBe(hooks[0].webhookId);
		expect(await deliverTo(hooks[0])).toBe(200);
		expect(fixture.receiver().started()).toHaveLength(1);
	}

	it('two activations (a double click) leave exactly one hook, the stored one, whose deliveries start the workflow', async () => {
		const workflow = fixture.workflow();
		const outcomes = await Promise.all([workflow.activate(), workflow.activate()]);
		expect(outcomes).toEqual([{ existed: false }, { existed: false }]);
		await expectOneWorkingHook(workflow);
	});

	it('also when the first registration is answered late, so it is created after the second', async () => {
		fixture.sandbox().addFault({ method: 'POST', path: '/webhooks', delayMs: 300, times: 1 });
		const workflow = fixture.workflow();
		await Promise.all([workflow.activate(), workflow.activate()]);
		await expectOneWorkingHook(workflow);
	});

	it('three activations at once leave one hook', async () => {
		const workflow = fixture.workflow();
		await Promise.all([workflow.activate(), workflow.activate(), workflow.activate()]);
		await expectOneWorkingHook(workflow);
	});

	it('a hook left by an activation that never stored it (n8n stopped mid-way) is removed by the next one', async () => {
		const crashed = fixture.workflow();
		await crashed.create();
		const [orphan] = fixture.hooks();

		const workflow = fixture.workflow(undefined, { webhookId: crashed.webhookId, staticData: {} });
		await workflow.activate();
		expect(fixture.hooks().map((hook) => hook.webhookId)).not.toContain(orphan.webhookId);
		await expectOneWorkingHook(workflow);
	});
});

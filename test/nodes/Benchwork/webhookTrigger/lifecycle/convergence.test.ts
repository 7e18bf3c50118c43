/**
 * One webhook per webhook URL, whatever Benchwork does to the URL when it lists it, and however
 * activations overlap.
 */
import { useTriggerFixture } from '../fixture';
import type { SandboxWebhook } from '../fixture';

const fixture = useTriggerFixture();

/** The URL as a Benchwork that normalises URLs might list it. */
function listedDifferently(url: string): string {
	return `${url.replace(/^http:/, 'HTTP:')}/`;
}

/** Makes the next `GET /webhooks` list these webhooks, with the given URL for each. */
function listOnce(webhooks: SandboxWebhook[], urlOf: (webhook: SandboxWebhook) => string): void {
	fixture.sandbox().addFault({
		method: 'GET',
		path: '/webhooks',
		status: 200,
		times: 1,
		body: {
			webhooks: webhooks.map((webhook) => ({
				webhookId: webhook.webhookId,
				url: urlOf(webhook),
				events: webhook.events,
				createdAt: '2025-01-01T00:00:00.000Z',
			})),
		},
	});
}

async function deliverTo(webhook: SandboxWebhook): Promise<number | null> {
	const result = (await fixture.sandbox().deliver({ webhookId: webhook.webhookId })) as {
		status: number | null;
	};
	return result.status;
}

describe('Benchwork Trigger: webhook URLs compared normalised', () => {
	it('a restart finds its webhook when Benchwork lists the URL with a trailing slash and an upper-case scheme', async () => {
		const workflow = fixture.workflow();
		await workflow.activate();
		const [webhook] = fixture.webhooks();
		listOnce([webhook], (listed) => listedDifferently(listed.url));

		expect(await workflow.activate()).toEqual({ existed: true });
		expect(fixture.webhooks()).toEqual([webhook]);
	});

	it('activation after lost static data removes the webhook Benchwork lists under a differently written URL', async () => {
		const workflow = fixture.workflow();
		await workflow.activate();
		const [old] = fixture.webhooks();
		listOnce([old], (listed) => listedDifferently(listed.url));

		const restored = fixture.workflow(workflow.parameters, {
			webhookId: workflow.webhookId,
			staticData: {},
		});
		await restored.activate();

		const webhooks = fixture.webhooks();
		expect(webhooks).toHaveLength(1);
		expect(webhooks[0].webhookId).not.toBe(old.webhookId);
		expect(fixture.requests()).toContain(`DELETE /webhooks/${old.webhookId}`);
	});

	it('still leaves webhooks for other URLs alone', async () => {
		const workflow = fixture.workflow();
		await workflow.activate('test');
		const [testWebhook] = fixture.webhooks();
		await workflow.activate();
		expect(fixture.webhooks().map((webhook) => webhook.webhookId)).toContain(testWebhook.webhookId);
		expect(fixture.webhooks()).toHaveLength(2);
	});
});

describe('Benchwork Trigger: activations at the same moment', () => {
	async function expectOneWorkingWebhook(
		workflow: ReturnType<typeof fixture.workflow>,
	): Promise<void> {
		const webhooks = fixture.webhooks();
		expect(webhooks).toHaveLength(1);
		expect(workflow.nodeStaticData().webhookId).toBe(webhooks[0].webhookId);
		expect(await deliverTo(webhooks[0])).toBe(200);
		expect(fixture.receiver().started()).toHaveLength(1);
	}

	it('two activations (a double click) leave exactly one webhook, the stored one, whose deliveries start the workflow', async () => {
		const workflow = fixture.workflow();
		const outcomes = await Promise.all([workflow.activate(), workflow.activate()]);
		expect(outcomes).toEqual([{ existed: false }, { existed: false }]);
		await expectOneWorkingWebhook(workflow);
	});

	it('also when the first registration is answered late, so it is created after the second', async () => {
		fixture.sandbox().addFault({ method: 'POST', path: '/webhooks', delayMs: 300, times: 1 });
		const workflow = fixture.workflow();
		await Promise.all([workflow.activate(), workflow.activate()]);
		await expectOneWorkingWebhook(workflow);
	});

	it('three activations at once leave one webhook', async () => {
		const workflow = fixture.workflow();
		await Promise.all([workflow.activate(), workflow.activate(), workflow.activate()]);
		await expectOneWorkingWebhook(workflow);
	});

	it('a webhook left by an activation that never stored it (n8n stopped mid-way) is removed by the next one', async () => {
		const crashed = fixture.workflow();
		await crashed.create();
		const [orphan] = fixture.webhooks();

		const workflow = fixture.workflow(undefined, { webhookId: crashed.webhookId, staticData: {} });
		await workflow.activate();
		expect(fixture.webhooks().map((webhook) => webhook.webhookId)).not.toContain(orphan.webhookId);
		await expectOneWorkingWebhook(workflow);
	});
});

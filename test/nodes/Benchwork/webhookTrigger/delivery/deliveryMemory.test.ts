/**
 * What the trigger remembers between deliveries in one n8n process: the secret of each
 * registration (so a delivery costs no credential read) and the deliveries that started the
 * workflow (so a repeat inside the replay window starts nothing).
 */
import type { TriggerWorkflow } from '../../../../helpers/triggerHarness';
import { credentialsFor, KEYS, logLines, useTriggerFixture } from '../fixture';
import type { SandboxWebhook } from '../fixture';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { signDelivery } = require('../../../../sandbox/server') as {
	signDelivery: (secret: string, timestamp: number | string, rawBody: string) => string;
};

const fixture = useTriggerFixture();

const REPEAT = { received: true, started: false, reason: 'repeated delivery' };

interface Delivery {
	body: string;
	headers: Record<string, string>;
}

let sequence = 0;

/** A delivery as Benchwork signs it; `deliveryId: null` leaves the id out of the body. */
function signed(
	secret: string,
	options: { deliveryId?: string | null; timestamp?: number } = {},
): Delivery {
	sequence += 1;
	const deliveryId =
		options.deliveryId === undefined ? `dlv_memory_${sequence}_${Date.now()}` : options.deliveryId;
	const event = {
		event: 'execution.completed',
		...(deliveryId === null ? {} : { deliveryId }),
		execution: { id: `exe_${sequence}`, workflowId: 'wf_orders_sync', status: 'success' },
	};
	const body = JSON.stringify(event);
	const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
	return {
		body,
		headers: {
			'Content-Type': 'application/json',
			'X-Benchwork-Delivery': deliveryId ?? 'dlv_header_only',
			'X-Benchwork-Timestamp': String(timestamp),
			'X-Benchwork-Signature': signDelivery(secret, timestamp, body),
		},
	};
}

async function send(
	workflow: TriggerWorkflow,
	delivery: Delivery,
): Promise<{ status: number; body: unknown }> {
	const response = await fetch(workflow.url(), {
		method: 'POST',
		headers: delivery.headers,
		body: delivery.body,
	});
	return { status: response.status, body: await response.json() };
}

async function activeWorkflow(): Promise<{ workflow: TriggerWorkflow; webhook: SandboxWebhook }> {
	const workflow = fixture.workflow();
	await workflow.activate();
	const webhook = fixture.webhooks().find((candidate) => candidate.url === workflow.url());
	if (!webhook) throw new Error('activation registered no webhook');
	return { workflow, webhook };
}

describe('Benchwork Trigger: the signing secret kept per registration', () => {
	it('reads the credential once for many deliveries, and every one of them starts the workflow', async () => {
		const { workflow, webhook } = await activeWorkflow();
		const readsBefore = workflow.credentialReads;

		const first = await Promise.all(
			Array.from({ length: 10 }, () => send(workflow, signed(webhook.secret))),
		);
		for (let index = 0; index < 10; index++) await send(workflow, signed(webhook.secret));

		expect(first.map((answer) => answer.status)).toEqual(Array(10).fill(200));
		expect(fixture.receiver().started()).toHaveLength(20);
		expect(workflow.credentialReads - readsBefore).toBe(1);
	});

	it('still refuses a forged delivery while the secret is kept, and accepts the next real one', async () => {
		const { workflow, webhook } = await activeWorkflow();
		expect((await send(workflow, signed(webhook.secret))).status).toBe(200);

		const forged = await send(workflow, signed('not-the-secret'));
		expect(forged.status).toBe(401);
		expect(logLines('warn').join('\n')).toMatch(/signature does not match/);

		expect((await send(workflow, signed(webhook.secret))).status).toBe(200);
		expect(fixture.receiver().started()).toHaveLength(2);
	});

	it('after re-registration (new nonce) refuses the old secret it had kept, and accepts the new one', async () => {
		const { workflow, webhook: old } = await activeWorkflow();
		expect((await send(workflow, signed(old.secret))).status).toBe(200);

		await workflow.deactivate();
		await workflow.activate();
		const [renewed] = fixture.webhooks();
		expect(renewed.secret).not.toBe(old.secret);

		expect((await send(workflow, signed(old.secret))).status).toBe(401);
		expect((await send(workflow, signed(renewed.secret))).status).toBe(200);
		expect(fixture.receiver().started()).toHaveLength(2);
	});

	it('after the API key is edited in place: the registered webhook’s deliveries verify while the secret is kept, then are refused with the re-activate hint', async () => {
		const { workflow, webhook } = await activeWorkflow();
		expect((await send(workflow, signed(webhook.secret))).status).toBe(200);
		workflow.credentials = credentialsFor(fixture.sandbox(), KEYS.enterprise2);

		// What Benchwork sends is still signed with the secret this registration gave it.
		expect((await send(workflow, signed(webhook.secret))).status).toBe(200);

		const later = Date.now() + 11 * 60 * 1000;
		const clock = jest.spyOn(Date, 'now').mockReturnValue(later);
		try {
			const answer = await send(
				workflow,
				signed(webhook.secret, { timestamp: Math.floor(later / 1000) }),
			);
			expect(answer.status).toBe(401);
		} finally {
			clock.mockRestore();
		}
		expect(logLines('warn').join('\n')).toMatch(
			/API key changed since the webhook was registered, so unpublish and publish the workflow again \(on n8n 1\.x: deactivate and activate it\)/,
		);
		expect(fixture.receiver().started()).toHaveLength(2);
	});
});

describe('Benchwork Trigger: repeated deliveries', () => {
	it('a replay of one delivery (same bytes, inside the window) starts the workflow once and answers 200', async () => {
		const { workflow, webhook } = await activeWorkflow();
		const delivery = signed(webhook.secret);

		const first = await send(workflow, delivery);
		const replay = await send(workflow, delivery);

		expect(first.status).toBe(200);
		expect(replay).toEqual({ status: 200, body: REPEAT });
		expect(fixture.receiver().started()).toHaveLength(1);
		expect(logLines('info').join('\n')).toMatch(/ignored a repeated delivery/);
	});

	it('five copies arriving at once start the workflow once', async () => {
		const { workflow, webhook } = await activeWorkflow();
		const delivery = signed(webhook.secret);

		const answers = await Promise.all(Array.from({ length: 5 }, () => send(workflow, delivery)));

		expect(answers.map((answer) => answer.status)).toEqual(Array(5).fill(200));
		expect(
			answers.filter((answer) => JSON.stringify(answer.body) === JSON.stringify(REPEAT)),
		).toHaveLength(4);
		expect(fixture.receiver().started()).toHaveLength(1);
	});

	it('the same delivery sent again with a fresh timestamp and signature (as Benchwork resends) starts nothing', async () => {
		const { workflow, webhook } = await activeWorkflow();
		await send(workflow, signed(webhook.secret, { deliveryId: 'dlv_resent_1' }));
		const resent = await send(
			workflow,
			signed(webhook.secret, {
				deliveryId: 'dlv_resent_1',
				timestamp: Math.floor(Date.now() / 1000) + 2,
			}),
		);

		expect(resent.body).toEqual(REPEAT);
		expect(fixture.receiver().started()).toHaveLength(1);
	});

	it('a replay with another X-Benchwork-Delivery header is still a repeat (the id inside the signed body counts)', async () => {
		const { workflow, webhook } = await activeWorkflow();
		const delivery = signed(webhook.secret);
		await send(workflow, delivery);

		const disguised = await send(workflow, {
			...delivery,
			headers: { ...delivery.headers, 'X-Benchwork-Delivery': 'dlv_other' },
		});
		expect(disguised.body).toEqual(REPEAT);
		expect(fixture.receiver().started()).toHaveLength(1);
	});

	it('different deliveries each start the workflow', async () => {
		const { workflow, webhook } = await activeWorkflow();
		await send(workflow, signed(webhook.secret));
		await send(workflow, signed(webhook.secret));
		await send(workflow, signed(webhook.secret));
		expect(fixture.receiver().started()).toHaveLength(3);
	});

	it('without a deliveryId in the body, an exact replay is a repeat and a newly signed body is not', async () => {
		const { workflow, webhook } = await activeWorkflow();
		const delivery = signed(webhook.secret, { deliveryId: null });
		await send(workflow, delivery);
		expect((await send(workflow, delivery)).body).toEqual(REPEAT);

		await send(workflow, signed(webhook.secret, { deliveryId: null }));
		expect(fixture.receiver().started()).toHaveLength(2);
	});

	it('a delivery refused once (forged) is not remembered: the real one with that id still starts', async () => {
		const { workflow, webhook } = await activeWorkflow();
		await send(workflow, signed('not-the-secret', { deliveryId: 'dlv_contested' }));
		const real = await send(workflow, signed(webhook.secret, { deliveryId: 'dlv_contested' }));
		expect(real.status).toBe(200);
		expect(fixture.receiver().started()).toHaveLength(1);
	});
});

import { NodeOperationError } from 'n8n-workflow';

import {
	BOTH_EVENTS,
	callSandbox,
	capturedLogs,
	credentialsFor,
	KEYS,
	logLines,
	logsText,
	useTriggerFixture,
} from '../fixture';

const fixture = useTriggerFixture();

const STATE_KEYS = ['events', 'fingerprint', 'nonce', 'url', 'webhookId'];

async function rejection(promise: Promise<unknown>): Promise<Error & { description?: string }> {
	try {
		await promise;
	} catch (error) {
		return error as Error & { description?: string };
	}
	throw new Error('expected a failure, but the call succeeded');
}

describe('Benchwork Trigger: webhook lifecycle', () => {
	it('activation registers exactly one webhook, for this workflow’s URL and the selected events', async () => {
		const workflow = fixture.workflow();
		expect(await workflow.activate()).toEqual({ existed: false });

		const webhooks = fixture.webhooks();
		expect(webhooks).toHaveLength(1);
		expect(webhooks[0].url).toBe(workflow.url());
		expect(webhooks[0].url).toBe(
			`${fixture.receiver().origin}/webhook/${workflow.webhookId}/webhook`,
		);
		expect([...webhooks[0].events].sort()).toEqual(BOTH_EVENTS);
		expect(workflow.nodeStaticData().webhookId).toBe(webhooks[0].webhookId);
		expect(fixture.requests().filter((request) => request.startsWith('POST'))).toEqual([
			'POST /webhooks',
		]);
	});

	it('registers only the selected event', async () => {
		const workflow = fixture.workflow({ events: ['execution.failed'], options: {} });
		await workflow.activate();
		expect(fixture.webhooks().map((webhook) => webhook.events)).toEqual([['execution.failed']]);
	});

	it('keeps only id, events, URL, nonce and fingerprint in static data, never the secret', async () => {
		const workflow = fixture.workflow();
		await workflow.activate();
		const [webhook] = fixture.webhooks();

		const state = workflow.nodeStaticData();
		expect(Object.keys(state).sort()).toEqual(STATE_KEYS);
		expect(state.nonce).toMatch(/^[0-9a-f]{64}$/);
		expect(state.fingerprint).toMatch(/^[0-9a-f]{16}$/);
		expect(webhook.secret).toMatch(/^[0-9a-f]{64}$/);
		expect(webhook.secret).not.toBe(state.nonce);
		expect(JSON.stringify(workflow.staticData)).not.toContain(webhook.secret);
		expect(JSON.stringify(workflow.staticData)).not.toContain(webhook.secret.slice(0, 16));
		expect(logsText()).not.toContain(webhook.secret);
		expect(logsText()).not.toContain(KEYS.enterprise);
	});

	it('gives every registration its own secret', async () => {
		const first = fixture.workflow();
		await first.activate();
		const firstSecret = fixture.webhooks()[0].secret;
		await first.deactivate();
		await first.activate();
		expect(fixture.webhooks()).toHaveLength(1);
		expect(fixture.webhooks()[0].secret).not.toBe(firstSecret);
	});

	it('activating again (an n8n restart) finds the webhook and registers nothing new', async () => {
		const workflow = fixture.workflow();
		await workflow.activate();
		const [before] = fixture.webhooks();

		const requestsBefore = fixture.requests().length;
		expect(await workflow.activate()).toEqual({ existed: true });
		expect(fixture.webhooks()).toEqual([before]);
		expect(fixture.requests().slice(requestsBefore)).toEqual(['GET /webhooks']);
	});

	it('after a crash that lost the webhook but kept static data, activation leaves exactly one new webhook', async () => {
		const workflow = fixture.workflow();
		await workflow.activate();
		const oldId = workflow.nodeStaticData().webhookId as string;
		expect(
			(await callSandbox(fixture.sandbox(), `/webhooks/${oldId}`, { method: 'DELETE' })).status,
		).toBe(204);

		expect(await workflow.activate()).toEqual({ existed: false });
		const webhooks = fixture.webhooks();
		expect(webhooks).toHaveLength(1);
		expect(webhooks[0].webhookId).not.toBe(oldId);
		expect(webhooks[0].url).toBe(workflow.url());
		expect(workflow.nodeStaticData().webhookId).toBe(webhooks[0].webhookId);
	});

	it('after a crash that kept the webhook but lost static data, activation replaces it instead of adding a second', async () => {
		const workflow = fixture.workflow();
		await workflow.activate();
		const [old] = fixture.webhooks();

		const restarted = fixture.workflow(workflow.parameters, {
			webhookId: workflow.webhookId,
			staticData: {},
		});
		expect(await restarted.activate()).toEqual({ existed: false });

		const webhooks = fixture.webhooks();
		expect(webhooks).toHaveLength(1);
		expect(webhooks[0].webhookId).not.toBe(old.webhookId);
		expect(webhooks[0].url).toBe(old.url);
		expect(restarted.nodeStaticData().webhookId).toBe(webhooks[0].webhookId);
		expect(logLines('info').join('\n')).toMatch(
			/removed a webhook an earlier activation left at this URL/,
		);
	});

	it('leaves webhooks registered for other URLs alone when replacing one', async () => {
		const other = await callSandbox<{ webhookId: string }>(fixture.sandbox(), '/webhooks', {
			method: 'POST',
			body: {
				url: 'https://elsewhere.example.com/webhook/abc/webhook',
				events: BOTH_EVENTS,
				secret: 'someone-elses-secret',
			},
		});
		const workflow = fixture.workflow();
		await workflow.activate();
		await fixture
			.workflow(workflow.parameters, { webhookId: workflow.webhookId, staticData: {} })
			.activate();

		const ids = fixture.webhooks().map((webhook) => webhook.webhookId);
		expect(ids).toHaveLength(2);
		expect(ids).toContain(other.body.webhookId);
	});

	it('does not resend POST /webhooks after a 500, and the next activation removes what it may have left', async () => {
		fixture
			.sandbox()
			.addFault({ method: 'POST', path: '/webhooks', status: 500, afterHandling: true, times: 1 });
		const workflow = fixture.workflow();
		const error = await rejection(workflow.activate());
		expect(error.message).toMatch(/^Benchwork had a server error \(500\)/);
		expect(fixture.requests().filter((request) => request === 'POST /webhooks')).toHaveLength(1);
		expect(fixture.webhooks()).toHaveLength(1); // it reached Benchwork before the 500
		expect(workflow.nodeStaticData()).toEqual({});

		await workflow.activate();
		const webhooks = fixture.webhooks();
		expect(webhooks).toHaveLength(1);
		expect(workflow.nodeStaticData().webhookId).toBe(webhooks[0].webhookId);
	});

	it('deactivation removes the webhook and clears the static data', async () => {
		const workflow = fixture.workflow();
		await workflow.activate();

		expect(await workflow.deactivate()).toBe(true);
		expect(fixture.webhooks()).toEqual([]);
		expect(workflow.nodeStaticData()).toEqual({});
	});

	it('deactivation of a webhook that is already gone (404) counts as success and clears the static data', async () => {
		const workflow = fixture.workflow();
		await workflow.activate();
		await callSandbox(
			fixture.sandbox(),
			`/webhooks/${String(workflow.nodeStaticData().webhookId)}`,
			{ method: 'DELETE' },
		);

		expect(await workflow.deactivate()).toBe(true);
		expect(workflow.nodeStaticData()).toEqual({});
		expect(logLines('info').join('\n')).toMatch(
			/already gone from Benchwork \(DELETE answered 404/,
		);
	});

	it('deactivation with nothing stored succeeds without calling Benchwork', async () => {
		const workflow = fixture.workflow();
		expect(await workflow.deactivate()).toBe(true);
		expect(fixture.requests()).toEqual([]);
	});

	it('a failed deactivation is logged with its reason and keeps the registration for the next activation', async () => {
		const workflow = fixture.workflow();
		await workflow.activate();
		const [webhook] = fixture.webhooks();
		fixture.sandbox().addFault({ method: 'DELETE', path: '/webhooks/', status: 400, times: 0 });

		expect(await workflow.deactivate()).toBe(false);
		expect(logLines('error').join('\n')).toMatch(
			new RegExp(
				`could not remove webhook ${webhook.webhookId} from Benchwork: Benchwork rejected the request as invalid \\(400\\)`,
			),
		);
		expect(workflow.nodeStaticData().webhookId).toBe(webhook.webhookId);

		fixture.sandbox().clearFaults();
		expect(await workflow.activate()).toEqual({ existed: true });
		expect(fixture.webhooks()).toEqual([webhook]);
	});

	it('re-registers when the selected events change: still exactly one webhook, with the new events', async () => {
		const workflow = fixture.workflow();
		await workflow.activate();
		workflow.parameters = { events: ['execution.completed'], options: {} };

		expect(await workflow.activate()).toEqual({ existed: false });
		expect(fixture.webhooks().map((webhook) => webhook.events)).toEqual([['execution.completed']]);
	});

	describe('checkExists', () => {
		it('is true while the stored webhook is registered for this URL and these events', async () => {
			const workflow = fixture.workflow();
			await workflow.activate();
			expect(await workflow.checkExists()).toBe(true);
		});

		it('is false, and changes nothing, when nothing is stored', async () => {
			const workflow = fixture.workflow();
			expect(await workflow.checkExists()).toBe(false);
			expect(fixture.requests()).toEqual([]);
		});

		it('is false when the credential’s API key changed, and activation then replaces the webhook', async () => {
			const workflow = fixture.workflow();
			await workflow.activate();
			const [old] = fixture.webhooks();

			workflow.credentials = credentialsFor(fixture.sandbox(), KEYS.enterprise2);
			expect(await workflow.checkExists()).toBe(false);
			expect(logLines('info').join('\n')).toMatch(
				/API key changed since the webhook was registered/,
			);

			await workflow.activate();
			const webhooks = fixture.webhooks();
			expect(webhooks).toHaveLength(1);
			expect(webhooks[0].webhookId).not.toBe(old.webhookId);
			expect(webhooks[0].secret).not.toBe(old.secret);
			expect(logsText()).not.toContain(KEYS.enterprise2);
		});

		it.each([
			[
				'the stored webhook was deleted at Benchwork',
				async (id: string) => {
					await callSandbox(fixture.sandbox(), `/webhooks/${id}`, { method: 'DELETE' });
				},
			],
			[
				'the stored webhook id now names a webhook for another URL',
				async (id: string) => {
					await callSandbox(fixture.sandbox(), `/webhooks/${id}`, { method: 'DELETE' });
					const other = await callSandbox<{ webhookId: string }>(fixture.sandbox(), '/webhooks', {
						method: 'POST',
						body: {
							url: 'https://elsewhere.example.com/webhook',
							events: BOTH_EVENTS,
							secret: 'x',
						},
					});
					return other.body.webhookId;
				},
			],
		])('is false when %s', async (_label, change) => {
			const workflow = fixture.workflow();
			await workflow.activate();
			const storedId = workflow.nodeStaticData().webhookId as string;
			const replacement = await change(storedId);
			if (replacement)
				workflow.staticData['node:Benchwork Trigger'] = {
					...workflow.nodeStaticData(),
					webhookId: replacement,
				};

			const webhooksBefore = fixture.webhooks();
			expect(await workflow.checkExists()).toBe(false);
			expect(fixture.webhooks()).toEqual(webhooksBefore);
		});

		it('is false when the webhook was registered for another URL (WEBHOOK_URL changed), and deletes nothing', async () => {
			const workflow = fixture.workflow();
			await workflow.activate();
			const webhooksBefore = fixture.webhooks();

			workflow.instanceUrl = 'http://127.0.0.1:1';
			expect(await workflow.checkExists()).toBe(false);
			expect(fixture.webhooks()).toEqual(webhooksBefore);
			expect(fixture.requests().some((request) => request.startsWith('DELETE'))).toBe(false);
		});

		it('is false when the stored state was tampered with (fingerprint does not match)', async () => {
			const workflow = fixture.workflow();
			await workflow.activate();
			workflow.staticData['node:Benchwork Trigger'] = {
				...workflow.nodeStaticData(),
				nonce: '00'.repeat(32),
			};
			expect(await workflow.checkExists()).toBe(false);
		});
	});

	describe('when Benchwork lacks the list and delete endpoints', () => {
		describe.each(['404', '405'] as const)('(they answer %s)', (status) => {
			const configure = () => fixture.sandbox().configure({ webhookManagement: status });

			it('activation works and a restart trusts the stored registration, saying so in the log', async () => {
				configure();
				const workflow = fixture.workflow();
				expect(await workflow.activate()).toEqual({ existed: false });
				expect(fixture.webhooks()).toHaveLength(1);
				expect(logLines('warn').join('\n')).toMatch(
					/cannot list webhooks \(GET \/webhooks answered 404 or 405\)/,
				);

				expect(await workflow.activate()).toEqual({ existed: true });
				expect(fixture.webhooks()).toHaveLength(1);
				expect(logLines('warn').join('\n')).toMatch(/trusting the stored registration/);
			});

			it('deactivation clears the static data and says in the log what to remove by hand', async () => {
				configure();
				const workflow = fixture.workflow();
				await workflow.activate();
				const [webhook] = fixture.webhooks();

				expect(await workflow.deactivate()).toBe(true);
				expect(workflow.nodeStaticData()).toEqual({});
				const logged = logLines().join('\n');
				if (status === '405') {
					expect(logged).toMatch(
						new RegExp(`DELETE answered 405\\); remove webhook ${webhook.webhookId} in Benchwork`),
					);
				} else {
					expect(logged).toMatch(
						new RegExp(
							`DELETE answered 404; if this Benchwork has no DELETE endpoint, remove webhook ${webhook.webhookId} in Benchwork`,
						),
					);
				}
			});

			it('activation after lost static data still works and warns that an old webhook may remain', async () => {
				configure();
				const workflow = fixture.workflow();
				await workflow.activate();
				capturedLogs.length = 0;

				await fixture
					.workflow(workflow.parameters, { webhookId: workflow.webhookId, staticData: {} })
					.activate();
				expect(logLines('warn').join('\n')).toMatch(
					/a webhook left by an earlier activation may remain/,
				);
			});
		});

		it('without a list endpoint, re-registration still removes the stored webhook for this URL', async () => {
			fixture.sandbox().addFault({ method: 'GET', path: '/webhooks', status: 405, times: 0 });
			const workflow = fixture.workflow();
			await workflow.activate();
			workflow.parameters = { events: ['execution.failed'], options: {} };

			expect(await workflow.activate()).toEqual({ existed: false });
			expect(fixture.webhooks().map((webhook) => webhook.events)).toEqual([['execution.failed']]);
		});
	});

	describe('n8n’s test URL (Listen for test event)', () => {
		it('gets its own webhook and leaves the active workflow’s webhook and static data alone', async () => {
			const workflow = fixture.workflow();
			await workflow.activate();
			const [production] = fixture.webhooks();
			const productionState = workflow.nodeStaticData();

			await workflow.activate('test');
			expect(
				fixture
					.webhooks()
					.map((webhook) => webhook.url)
					.sort(),
			).toEqual([workflow.url(), workflow.url('test')].sort());
			expect(workflow.url('test')).toContain('/webhook-test/');

			await workflow.deactivate('test');
			expect(fixture.webhooks()).toEqual([production]);
			expect(workflow.nodeStaticData()).toEqual(productionState);
		});

		it('leaves the active workflow’s webhook alone even when Benchwork cannot list webhooks', async () => {
			fixture.sandbox().addFault({ method: 'GET', path: '/webhooks', status: 405, times: 0 });
			const workflow = fixture.workflow();
			await workflow.activate();
			const [production] = fixture.webhooks();

			await workflow.activate('test');
			expect(fixture.webhooks()).toHaveLength(2);
			expect(fixture.webhooks()).toContainEqual(production);
		});
	});

	describe('refusing a webhook URL Benchwork cannot reach', () => {
		it('refuses localhost when the credential points at a remote Benchwork, naming N8N_WEBHOOK_URL and WEBHOOK_URL, before any request', async () => {
			const workflow = fixture.workflow(undefined, {
				credentials: { apiKey: KEYS.enterprise, baseUrl: 'https://benchwork.app/api/v1' },
			});
			const error = await rejection(workflow.activate());

			expect(error).toBeInstanceOf(NodeOperationError);
			expect(error.message).toMatch(
				/^Benchwork cannot reach this n8n's webhook URL http:\/\/127\.0\.0\.1:\d+\/webhook\/.+: it points at localhost/,
			);
			expect(error.message).toMatch(/N8N_WEBHOOK_URL.*WEBHOOK_URL on n8n 1\.x/);
			expect(error.description).toMatch(/reverse proxy/);
			expect(workflow.nodeStaticData()).toEqual({});
		});

		it.each(['http://localhost:5678', 'http://[::1]:5678', 'http://0.0.0.0:5678'])(
			'also refuses %s',
			async (instanceUrl) => {
				const workflow = fixture.workflow(undefined, {
					credentials: { apiKey: KEYS.enterprise, baseUrl: 'https://benchwork.app/api/v1' },
					instanceUrl,
				});
				expect((await rejection(workflow.create())).message).toMatch(
					/N8N_WEBHOOK_URL.*WEBHOOK_URL on n8n 1\.x/,
				);
			},
		);

		it('allows localhost when Benchwork itself is local (the sandbox)', async () => {
			const workflow = fixture.workflow();
			await workflow.create();
			expect(fixture.webhooks()).toHaveLength(1);
		});
	});

	it('refuses to register without an event, before any request', async () => {
		const workflow = fixture.workflow({ events: [], options: {} });
		const error = await rejection(workflow.activate());
		expect(error.message).toBe('Events: none chosen');
		expect(fixture.requests()).toEqual([]);
	});
});

/**
 * Runs the Benchwork Trigger the way n8n does: n8n-core's real HookContext for the webhook
 * lifecycle (checkExists / create / delete) and its real WebhookContext for deliveries, both
 * over n8n-workflow's Workflow. What n8n's CLI package would add is stood in for here:
 *
 * - the database: a workflow's static data is kept as JSON between calls and saved only when
 *   n8n would save it (the Workflow marked it changed), so nothing can survive in memory;
 * - the webhook endpoint: a real HTTP server (port 0) that reads the raw body as n8n's body
 *   parser does (`req.rawBody` Buffer, `req.body` parsed JSON), runs the node's webhook() and
 *   answers as n8n's webhook handler does, recording what a workflow would have started with.
 *
 * n8n's instance URL (WEBHOOK_URL) is that server's origin, so deliveries the sandbox signs
 * reach webhook() over real sockets.
 */
import { HookContext, WebhookContext } from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
	Workflow,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import type { IncomingMessage, Server, ServerResponse } from 'http';
import { createServer } from 'http';
import type { AddressInfo } from 'net';

import { BenchworkTrigger } from '../../nodes/Benchwork/BenchworkTrigger.node';
import type { BenchworkCredentialData } from './n8nHarness';
import { additionalDataFor, buildWorkflow, nodeWith } from './n8nHarness';

export const TRIGGER_TYPE = 'n8n-nodes-benchwork.benchworkTrigger';

/** 'production' = an active workflow; 'test' = "Listen for test event" in the editor. */
export type WebhookMode = 'production' | 'test';

const nodeType = new BenchworkTrigger();
const webhookDescription = nodeType.description.webhooks![0];

function copy<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}

export interface TriggerWorkflowOptions {
	parameters: INodeParameters;
	credentials: BenchworkCredentialData;
	/** n8n's public address (its WEBHOOK_URL), e.g. a WebhookReceiver's origin. */
	instanceUrl: string;
	/** The node's webhookId (n8n assigns one to every webhook node); part of its URL. */
	webhookId?: string;
	/** Static data as saved in n8n's database. */
	staticData?: IDataObject;
}

/** One saved n8n workflow holding one Benchwork Trigger node. */
export class TriggerWorkflow {
	parameters: INodeParameters;

	credentials: BenchworkCredentialData;

	instanceUrl: string;

	readonly webhookId: string;

	/** The workflow's static data as n8n's database holds it. */
	staticData: IDataObject;

	/** What n8n keeps with a test-webhook registration (never saved to the database). */
	testStaticData: IDataObject | undefined;

	/** How often a context read the credential (n8n's getCredentials: a database read + decryption). */
	credentialReads = 0;

	constructor(options: TriggerWorkflowOptions) {
		this.parameters = options.parameters;
		this.credentials = options.credentials;
		this.instanceUrl = options.instanceUrl.replace(/\/+$/, '');
		this.webhookId = options.webhookId ?? 'b3c1e0a2-6f1d-4c55-9d7e-2f64d3a0c001';
		this.staticData = copy(options.staticData ?? {});
	}

	url(mode: WebhookMode = 'production'): string {
		return `${this.baseUrl(mode)}/${this.webhookId}/webhook`;
	}

	/** This node's part of the static data (n8n's `getWorkflowStaticData('node')`). */
	nodeStaticData(mode: WebhookMode = 'production'): IDataObject {
		const data = mode === 'test' ? (this.testStaticData ?? {}) : this.staticData;
		return (data[`node:${this.node().name}`] as IDataObject | undefined) ?? {};
	}

	node(): INode {
		return {
			...nodeWith(TRIGGER_TYPE, copy(this.parameters)),
			name: 'Benchwork Trigger',
			webhookId: this.webhookId,
		};
	}

	additionalData(): IWorkflowExecuteAdditionalData {
		const additionalData = additionalDataFor(this.credentials);
		const helper = additionalData.credentialsHelper;
		const getDecrypted = helper.getDecrypted.bind(helper);
		helper.getDecrypted = async (...args: Parameters<typeof getDecrypted>) => {
			this.credentialReads += 1;
			return await getDecrypted(...args);
		};
		additionalData.webhookBaseUrl = this.baseUrl('production');
		additionalData.webhookTestBaseUrl = this.baseUrl('test');
		additionalData.instanceBaseUrl = `${this.instanceUrl}/`;
		return additionalData;
	}

	webhookData(
		mode: WebhookMode,
		additionalData: IWorkflowExecuteAdditionalData,
		workflow: Workflow,
	): IWebhookData {
		return {
			httpMethod: 'POST',
			node: this.node().name,
			path: `${this.webhookId}/webhook`,
			webhookDescription,
			workflowId: workflow.id,
			workflowExecuteAdditionalData: additionalData,
			webhookId: this.webhookId,
			...(mode === 'test' ? { isTest: true } : {}),
		};
	}

	async checkExists(mode: WebhookMode = 'production'): Promise<boolean> {
		return await this.runWebhookMethod('checkExists', mode);
	}

	async create(mode: WebhookMode = 'production'): Promise<boolean> {
		return await this.runWebhookMethod('create', mode);
	}

	async delete(mode: WebhookMode = 'production'): Promise<boolean> {
		return await this.runWebhookMethod('delete', mode);
	}

	/** What n8n does on activation (and on every start): checkExists, then create if false. */
	async activate(mode: WebhookMode = 'production'): Promise<{ existed: boolean }> {
		if (mode === 'test') this.testStaticData = undefined;
		const existed = await this.checkExists(mode);
		if (!existed) await this.create(mode);
		return { existed };
	}

	async deactivate(mode: WebhookMode = 'production'): Promise<boolean> {
		const removed = await this.delete(mode);
		if (mode === 'test') this.testStaticData = undefined;
		return removed;
	}

	/**
	 * Production: static data comes from and goes back to the database. Test: like n8n's
	 * TestWebhooks, the webhook methods run on the saved static data and what they leave is kept with the
	 * test registration only.
	 */
	private async runWebhookMethod(
		method: 'checkExists' | 'create' | 'delete',
		mode: WebhookMode,
	): Promise<boolean> {
		const source = mode === 'test' && this.testStaticData ? this.testStaticData : this.staticData;
		const node = this.node();
		const workflow = buildWorkflow(node, nodeType, TRIGGER_TYPE, copy(source));
		const additionalData = this.additionalData();
		const executeMode: WorkflowExecuteMode = mode === 'test' ? 'manual' : 'trigger';
		const activation: WorkflowActivateMode = mode === 'test' ? 'manual' : 'activate';
		const context = new HookContext(
			workflow,
			node,
			additionalData,
			executeMode,
			activation,
			this.webhookData(mode, additionalData, workflow),
		);
		try {
			return await nodeType.webhookMethods!.default[method].call(context);
		} finally {
			if (mode === 'test') this.testStaticData = copy(workflow.staticData);
			else if (workflow.staticData.__dataChanged === true)
				this.staticData = copy(workflow.staticData);
		}
	}

	/** Runs webhook() for one request, with n8n-core's WebhookContext. */
	async runWebhook(
		mode: WebhookMode,
		request: IncomingMessage,
		response: ServerResponse,
	): Promise<{ result: IWebhookResponseData; staticDataChanged: boolean }> {
		const node = this.node();
		const workflow = buildWorkflow(node, nodeType, TRIGGER_TYPE, copy(this.staticData));
		if (mode === 'test' && this.testStaticData)
			workflow.setTestStaticData(copy(this.testStaticData));
		const additionalData = this.additionalData();
		additionalData.httpRequest = request as never;
		additionalData.httpResponse = response as never;
		const context = new WebhookContext(
			workflow,
			node,
			additionalData,
			mode === 'test' ? 'manual' : 'webhook',
			this.webhookData(mode, additionalData, workflow),
			[],
			null,
		);
		const result = await nodeType.webhook!.call(context);
		return { result, staticDataChanged: workflow.staticData.__dataChanged === true };
	}

	private baseUrl(mode: WebhookMode): string {
		return `${this.instanceUrl}/${mode === 'test' ? 'webhook-test' : 'webhook'}`;
	}
}

/** One request that reached the stand-in for n8n's webhook endpoint. */
export interface ReceivedRequest {
	mode: WebhookMode;
	headers: IncomingMessage['headers'];
	/** The HTTP status n8n answered. */
	status: number;
	responseBody: unknown;
	/** What the workflow was started with; undefined when nothing was started. */
	started: INodeExecutionData[][] | undefined;
	/** Whether webhook() changed the static data (n8n would then save it). */
	staticDataChanged: boolean;
	/** An error webhook() threw. */
	error?: Error;
}

type ExpressLikeResponse = ServerResponse & {
	status(code: number): ExpressLikeResponse;
	json(body: unknown): ExpressLikeResponse;
	send(body: unknown): ExpressLikeResponse;
};

/** Adds the bits of express's response that webhook() uses. */
function expressLike(response: ServerResponse): ExpressLikeResponse {
	const res = response as ExpressLikeResponse;
	res.status = (code: number) => {
		res.statusCode = code;
		return res;
	};
	res.json = (body: unknown) => {
		if (!res.headersSent) res.setHeader('Content-Type', 'application/json; charset=utf-8');
		res.end(JSON.stringify(body));
		return res;
	};
	res.send = (body: unknown) => {
		if (typeof body !== 'string' && !Buffer.isBuffer(body)) return res.json(body);
		res.end(body);
		return res;
	};
	return res;
}

async function readRawBody(request: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

/**
 * Stands in for n8n's webhook endpoint: `/webhook/<webhookId>/webhook` runs the active
 * workflow, `/webhook-test/<webhookId>/webhook` the test registration.
 */
export class WebhookReceiver {
	readonly requests: ReceivedRequest[] = [];

	/** Stands in for a setup that loses the raw body (n8n itself always keeps it). */
	keepRawBody = true;

	private readonly workflows = new Map<string, TriggerWorkflow>();

	private constructor(
		private readonly server: Server,
		readonly origin: string,
	) {}

	static async start(): Promise<WebhookReceiver> {
		const server = createServer();
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const { port } = server.address() as AddressInfo;
		const receiver = new WebhookReceiver(server, `http://127.0.0.1:${port}`);
		server.on('request', (request: IncomingMessage, response: ServerResponse) => {
			void receiver.handle(request, expressLike(response));
		});
		return receiver;
	}

	/** Routes this workflow's production and test URLs here. */
	serve(workflow: TriggerWorkflow): TriggerWorkflow {
		this.workflows.set(workflow.webhookId, workflow);
		return workflow;
	}

	/** Requests whose delivery started a workflow. */
	started(): INodeExecutionData[][][] {
		return this.requests.flatMap((request) => (request.started ? [request.started] : []));
	}

	reset(): void {
		this.requests.length = 0;
		this.workflows.clear();
		this.keepRawBody = true;
	}

	async close(): Promise<void> {
		this.server.closeAllConnections?.();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	private async handle(request: IncomingMessage, response: ExpressLikeResponse): Promise<void> {
		const match = /^\/(webhook|webhook-test)\/([^/]+)\/webhook\/?$/.exec(
			new URL(request.url ?? '/', this.origin).pathname,
		);
		const workflow = match ? this.workflows.get(match[2]) : undefined;
		if (!match || !workflow || request.method !== 'POST') {
			response.status(404).json({ message: 'The requested webhook is not registered.' });
			return;
		}
		const mode: WebhookMode = match[1] === 'webhook-test' ? 'test' : 'production';

		// n8n's body parser: the raw bytes stay on the request, JSON is parsed into body. (n8n
		// answers 422 itself to a JSON content type that does not parse; the stand-in passes
		// such a body on so the node's own check is what a test sees.)
		const rawBody = await readRawBody(request);
		const req = request as IncomingMessage & {
			rawBody: Buffer;
			body: unknown;
			params: object;
			query: object;
		};
		if (this.keepRawBody) req.rawBody = rawBody;
		req.params = {};
		req.query = {};
		req.body = {};
		if (/^application\/json\b/i.test(request.headers['content-type'] ?? '') && rawBody.length > 0) {
			try {
				req.body = JSON.parse(rawBody.toString('utf8'));
			} catch {
				req.body = {};
			}
		}

		const record: ReceivedRequest = {
			mode,
			headers: request.headers,
			status: 0,
			responseBody: undefined,
			started: undefined,
			staticDataChanged: false,
		};
		this.requests.push(record);
		const answer = (status: number, body: unknown) => {
			record.status = status;
			record.responseBody = body;
			if (!response.writableEnded) response.status(status).json(body);
		};
		// What the node itself answered (noWebhookResponse).
		const json = response.json;
		response.json = (body: unknown) => {
			record.status = response.statusCode;
			record.responseBody = body;
			return json(body);
		};

		try {
			const { result, staticDataChanged } = await workflow.runWebhook(mode, req, response);
			record.staticDataChanged = staticDataChanged;
			if (result.noWebhookResponse === true) {
				if (!response.writableEnded)
					answer(500, { message: 'webhook() claimed to answer but did not' });
			} else if (result.workflowData !== undefined) {
				record.started = result.workflowData;
				answer(200, { message: 'Workflow was started' });
			} else {
				answer(200, result.webhookResponse ?? { message: 'Webhook call received' });
			}
		} catch (error) {
			record.error = error as Error;
			answer(500, { message: 'Workflow Webhook Error: Workflow could not be started!' });
		}
	}
}

/**
 * Runs our nodes the way n8n does: n8n-workflow's Workflow and n8n-core's real execution
 * contexts (ExecuteContext, LoadOptionsContext), whose helpers send real HTTP through n8n's own
 * request stack. Only what n8n's CLI package would supply is stood in for here: the credentials
 * store (generic `authenticate` is applied the way n8n's CredentialsHelper applies it).
 */
import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import { ExecuteContext, LoadOptionsContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IRunExecutionData,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { ICredentialsHelper, Workflow } from 'n8n-workflow';

import { BenchworkApi } from '../../credentials/BenchworkApi.credentials';

export interface LoggedLine {
	level: string;
	message: string;
	meta?: unknown;
}

export const capturedLogs: LoggedLine[] = [];

export const logger: Record<string, unknown> = {
	error: (message: string, meta?: unknown) => capturedLogs.push({ level: 'error', message, meta }),
	warn: (message: string, meta?: unknown) => capturedLogs.push({ level: 'warn', message, meta }),
	info: (message: string, meta?: unknown) => capturedLogs.push({ level: 'info', message, meta }),
	debug: (message: string, meta?: unknown) => capturedLogs.push({ level: 'debug', message, meta }),
	verbose: (message: string, meta?: unknown) =>
		capturedLogs.push({ level: 'verbose', message, meta }),
	scoped: () => logger,
};

// n8n-core's contexts take their logger from n8n's DI container; capture what our nodes log.
Container.set(Logger, logger as unknown as Logger);

/** Stands in for n8n's CredentialsHelper: stores decrypted data, applies generic authentication. */
export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly store: Record<string, ICredentialDataDecryptedObject>,
		private readonly types: Record<string, ICredentialType> = { benchworkApi: new BenchworkApi() },
	) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const type = this.types[typeName];
		const authenticate = type?.authenticate;
		if (!authenticate) return requestOptions;
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		const updated = { ...requestOptions } as unknown as Record<string, IDataObject>;
		for (const [target, entries] of Object.entries(authenticate.properties)) {
			updated[target] = { ...(updated[target] ?? {}) };
			for (const [key, value] of Object.entries(entries as IDataObject)) {
				updated[target][key] = resolveCredentialExpression(
					String(value),
					credentials,
					workflow,
					node,
				);
			}
		}
		return updated as unknown as IHttpRequestOptions;
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(): Promise<never> {
		throw new Error('not used by these tests');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: { id: string | null; name: string },
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.store[nodeCredentials.id ?? nodeCredentials.name];
		if (!data) throw new Error(`No test credential ${nodeCredentials.id}`);
		return { ...data };
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string) {
		return this.types[type]?.properties ?? [];
	}
}

/** Resolves `=…{{$credentials.x}}…` with n8n's own expression engine, as the CLI's helper does. */
export function resolveCredentialExpression(
	value: string,
	credentials: ICredentialDataDecryptedObject,
	workflow: Workflow | undefined,
	node: INode | undefined,
): string {
	if (!value.startsWith('=') || !workflow || !node) return value;
	const resolved = workflow.expression.getParameterValue(
		value,
		null,
		0,
		0,
		node.name,
		[],
		'internal',
		{ $credentials: credentials } as never,
		undefined,
		false,
	);
	return String(resolved);
}

export class SimpleNodeTypes implements INodeTypes {
	constructor(private readonly types: Record<string, INodeType>) {}

	getByName(name: string): INodeType {
		return this.types[name];
	}

	getByNameAndVersion(name: string): INodeType {
		return this.types[name];
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}

export interface BenchworkCredentialData {
	apiKey: string;
	baseUrl: string;
}

export interface RunNodeOptions {
	nodeType: INodeType;
	typeName?: string;
	parameters: INodeParameters;
	credentials: BenchworkCredentialData;
	/** Input items; defaults to one empty item. */
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	abortSignal?: AbortSignal;
	mode?: WorkflowExecuteMode;
	/** n8n's execution ID; a fresh one per run unless given (the same one = a retry of the node). */
	executionId?: string;
	/** The node's run index in its execution (0 unless given). */
	runIndex?: number;
}

let executions = 0;

/** A fresh n8n execution ID, as n8n gives every execution its own. */
export function newExecutionId(): string {
	return `test-execution-${process.pid}-${++executions}`;
}

export const CREDENTIAL_ID = 'cred-benchwork-1';

export function additionalDataFor(
	credentials: BenchworkCredentialData,
	executionId = newExecutionId(),
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: new TestCredentialsHelper({ [CREDENTIAL_ID]: { ...credentials } }),
		executionId,
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		variables: {},
		currentNodeParameters: undefined,
		logAiEvent: () => {},
		executeWorkflow: async () => {
			throw new Error('not used');
		},
		getRunExecutionData: async () => undefined,
		startRunnerTask: async () => {
			throw new Error('not used');
		},
		userId: 'test-user',
	} as unknown as IWorkflowExecuteAdditionalData;
}

export function buildWorkflow(
	node: INode,
	nodeType: INodeType,
	typeName: string,
	staticData?: IDataObject,
) {
	return new Workflow({
		id: 'wf-test',
		name: 'Benchwork test workflow',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new SimpleNodeTypes({ [typeName]: nodeType }),
		staticData,
	});
}

export function nodeWith(
	typeName: string,
	parameters: INodeParameters,
	continueOnFail = false,
): INode {
	return {
		id: 'node-1',
		name: 'Benchwork',
		type: typeName,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		continueOnFail,
		onError: continueOnFail ? 'continueRegularOutput' : 'stopWorkflow',
		credentials: { benchworkApi: { id: CREDENTIAL_ID, name: 'Benchwork account' } },
	};
}

/** Executes one node over `items` with n8n-core's ExecuteContext; returns its main outputs. */
export async function runNode(options: RunNodeOptions): Promise<INodeExecutionData[][]> {
	const typeName = options.typeName ?? 'n8n-nodes-benchwork.benchwork';
	const node = nodeWith(typeName, options.parameters, options.continueOnFail);
	const workflow = buildWorkflow(node, options.nodeType, typeName);
	const items = options.items ?? [{ json: {} }];
	const runExecutionData = {
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			nodeExecutionStack: [],
			metadata: {},
			waitingExecution: {},
			waitingExecutionSource: {},
		},
	} as unknown as IRunExecutionData;
	const inputData = { main: [items] };
	const executeData = { node, data: inputData, source: { main: [{ previousNode: 'Start' }] } };
	const context = new ExecuteContext(
		workflow,
		node,
		additionalDataFor(options.credentials, options.executionId),
		options.mode ?? 'manual',
		runExecutionData,
		options.runIndex ?? 0,
		items,
		inputData,
		executeData,
		[],
		options.abortSignal,
	);
	const result = await options.nodeType.execute!.call(context);
	return result as INodeExecutionData[][];
}

/** Calls a listSearch method with n8n-core's LoadOptionsContext. */
export async function runListSearch(
	nodeType: INodeType,
	method: string,
	credentials: BenchworkCredentialData,
	filter?: string,
	parameters: INodeParameters = {},
) {
	const typeName = 'n8n-nodes-benchwork.benchwork';
	const node = nodeWith(typeName, parameters);
	const workflow = buildWorkflow(node, nodeType, typeName);
	const context = new LoadOptionsContext(
		workflow,
		node,
		additionalDataFor(credentials),
		'parameters',
	);
	const search = nodeType.methods?.listSearch?.[method];
	if (!search) throw new Error(`No listSearch method ${method}`);
	return await search.call(context, filter);
}

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

/** Which n8n credential tester to model: they differ in how a test request's status reaches the rules. */
export type TesterLine = 1 | 2;

function valueAt(body: unknown, path: string): unknown {
	return path
		.split('.')
		.reduce<unknown>(
			(value, key) =>
				value !== null && typeof value === 'object' ? (value as IDataObject)[key] : undefined,
			body,
		);
}

/**
 * Runs the credential's declarative `test` the way n8n's credential tester does: resolve the
 * request's expressions, authenticate it, send it through n8n-core's HTTP stack with the request's
 * own options, then apply the `rules`. Line 2: a thrown status goes through the `responseCode`
 * rules. Line 1: any truthy `ignoreHttpStatusErrors` ignores every status, and a thrown status
 * never reaches the rules (its errors drop `cause`), so n8n's generic wording shows. Then, on both,
 * the `responseSuccessBody` rules, else success.
 */
export async function runCredentialTest(
	credentials: BenchworkCredentialData,
	line: TesterLine = 2,
): Promise<CredentialTestResult> {
	const credentialType = new BenchworkApi();
	const { request, rules = [] } = credentialType.test;
	const typeName = 'n8n-nodes-benchwork.benchwork';
	const node = nodeWith(typeName, {});
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { Benchwork } = require('../../nodes/Benchwork/Benchwork.node');
	const nodeType = new Benchwork() as INodeType;
	const workflow = buildWorkflow(node, nodeType, typeName);
	const baseURL = resolveCredentialExpression(
		String(request.baseURL),
		{ ...credentials },
		workflow,
		node,
	);
	const context = new ExecuteContext(
		workflow,
		node,
		additionalDataFor(credentials),
		'manual',
		{ resultData: { runData: {} } } as unknown as IRunExecutionData,
		0,
		[{ json: {} }],
		{ main: [[{ json: {} }]] },
		{ node, data: { main: [[{ json: {} }]] }, source: null },
		[],
	);
	let response: { statusCode: number; body: unknown };
	try {
		response = (await context.helpers.httpRequestWithAuthentication.call(context, 'benchworkApi', {
			method: 'GET',
			url: `${baseURL}${request.url}`,
			qs: request.qs,
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors:
				line === 1 ? Boolean(request.ignoreHttpStatusErrors) : request.ignoreHttpStatusErrors,
			disableFollowRedirect: request.disableFollowRedirect,
		})) as { statusCode: number; body: unknown };
	} catch (error) {
		const status =
			line === 2
				? (error as { cause?: { response?: { status?: number } } }).cause?.response?.status
				: undefined;
		for (const rule of rules) {
			if (rule.type === 'responseCode' && rule.properties.value === status) {
				return { status: 'Error', message: rule.properties.message };
			}
		}
		return { status: 'Error', message: (error as Error).message };
	}
	for (const rule of rules) {
		if (
			rule.type === 'responseSuccessBody' &&
			valueAt(response.body, rule.properties.key) === rule.properties.value
		) {
			return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}

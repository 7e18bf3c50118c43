/**
 * Runs our nodes the way n8n does: n8n-workflow's Workflow and n8n-core's real execution
 * contexts (ExecuteContext, LoadOptionsContext), whose helpers send real HTTP through n8n's own
 * request stack. Only what n8n's CLI package would supply is stood in for here: the credentials
 * store (generic `authenticate` is applied the way n8n's CredentialsHelper applies it). Running
 * a node (runNode) is n8nContext.js, plain CommonJS the benchmark shares; this file gives it the
 * credential types from the sources, captures what the nodes log, and adds the editor's list
 * search and the credential's Test.
 */
import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import { ExecuteContext, LoadOptionsContext } from 'n8n-core';
import type {
	IDataObject,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	IRunExecutionData,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { BenchworkApi } from '../../credentials/BenchworkApi.credentials';
import * as context from './n8nContext';
import {
	ACTION_NODE_TYPE,
	buildWorkflow,
	nodeWith,
	resolveCredentialExpression,
} from './n8nContext';

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

/** The credential types the nodes use, from the sources (the benchmark passes the built ones). */
const CREDENTIAL_TYPES = { benchworkApi: new BenchworkApi() };

// The context a node runs in, shared with the benchmark (plain CommonJS, see n8nContext.js).
export {
	CREDENTIAL_ID,
	newExecutionId,
	nodeWith,
	buildWorkflow,
	resolveCredentialExpression,
	SimpleNodeTypes,
	TestCredentialsHelper,
} from './n8nContext';

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

export function additionalDataFor(
	credentials: BenchworkCredentialData,
	executionId?: string,
): IWorkflowExecuteAdditionalData {
	return context.additionalDataFor(credentials, CREDENTIAL_TYPES, executionId);
}

/** Executes one node over `items` with n8n-core's ExecuteContext; returns its main outputs. */
export async function runNode(options: RunNodeOptions): Promise<INodeExecutionData[][]> {
	return await context.runNode({ ...options, credentialTypes: CREDENTIAL_TYPES });
}

/** Calls a listSearch method with n8n-core's LoadOptionsContext. */
export async function runListSearch(
	nodeType: INodeType,
	method: string,
	credentials: BenchworkCredentialData,
	filter?: string,
	parameters: INodeParameters = {},
) {
	const typeName = ACTION_NODE_TYPE;
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
	const typeName = ACTION_NODE_TYPE;
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

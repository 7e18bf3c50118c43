'use strict';
// Runs a node the way n8n does: n8n-workflow's Workflow and n8n-core's real ExecuteContext,
// whose helpers send real HTTP through n8n's own request stack. Only what n8n's CLI package
// would supply is stood in for: the credentials store, with a credential type's generic
// `authenticate` applied the way n8n's CredentialsHelper applies it. Plain CommonJS, so that
// jest (n8nHarness.ts, over the TypeScript sources) and the benchmark
// (test/benchmarks/lib/inProcessNode.js, over the built dist/ in plain Node) run a node through
// the same code. The credential types come from the caller (source or build), and so does the
// logger: n8n-core takes it from n8n's DI container.
const { ExecuteContext } = require('n8n-core');
const { ICredentialsHelper, Workflow } = require('n8n-workflow');

/** @typedef {import('n8n-workflow').ICredentialDataDecryptedObject} CredentialData */
/** @typedef {Record<string, import('n8n-workflow').ICredentialType>} CredentialTypes */
/** @typedef {{ apiKey: string, baseUrl: string }} BenchworkCredentialData */

const CREDENTIAL_ID = 'cred-benchwork-1';
const ACTION_NODE_TYPE = 'n8n-nodes-benchwork.benchwork';

/** Stands in for n8n's CredentialsHelper: stores decrypted data, applies generic authentication. */
class TestCredentialsHelper extends ICredentialsHelper {
	/**
	 * @param {Record<string, CredentialData>} store the decrypted data by credential ID
	 * @param {CredentialTypes} types the credential types by name
	 */
	constructor(store, types) {
		super();
		this.store = store;
		this.types = types;
	}

	getParentTypes() {
		return [];
	}

	isCredentialUsableByNode() {
		return true;
	}

	/**
	 * @param {CredentialData} credentials
	 * @param {string} typeName
	 * @param {import('n8n-workflow').IHttpRequestOptions} requestOptions
	 * @param {Workflow} [workflow]
	 * @param {import('n8n-workflow').INode} [node]
	 * @returns {Promise<import('n8n-workflow').IHttpRequestOptions>}
	 */
	async authenticate(credentials, typeName, requestOptions, workflow, node) {
		const authenticate = this.types[typeName]?.authenticate;
		if (!authenticate) return requestOptions;
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		/** @type {Record<string, Record<string, unknown>>} */
		const updated = { ...requestOptions };
		for (const [target, entries] of Object.entries(authenticate.properties)) {
			updated[target] = { ...(updated[target] ?? {}) };
			for (const [key, value] of Object.entries(entries)) {
				updated[target][key] = resolveCredentialExpression(
					String(value),
					credentials,
					workflow,
					node,
				);
			}
		}
		return /** @type {import('n8n-workflow').IHttpRequestOptions} */ (updated);
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	/** @returns {Promise<never>} */
	async getCredentials() {
		throw new Error('not used by these tests');
	}

	/**
	 * @param {import('n8n-workflow').IWorkflowExecuteAdditionalData} _additionalData
	 * @param {{ id: string | null, name: string }} nodeCredentials
	 * @returns {Promise<CredentialData>}
	 */
	async getDecrypted(_additionalData, nodeCredentials) {
		const data = this.store[nodeCredentials.id ?? nodeCredentials.name];
		if (!data) throw new Error(`No test credential ${nodeCredentials.id}`);
		return { ...data };
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	/** @param {string} type */
	getCredentialsProperties(type) {
		return this.types[type]?.properties ?? [];
	}
}

/**
 * Resolves `=…{{$credentials.x}}…` with n8n's own expression engine, as the CLI's helper does.
 * @param {string} value
 * @param {CredentialData} credentials
 * @param {Workflow | undefined} workflow
 * @param {import('n8n-workflow').INode | undefined} node
 * @returns {string}
 */
function resolveCredentialExpression(value, credentials, workflow, node) {
	if (!value.startsWith('=') || !workflow || !node) return value;
	const resolved = workflow.expression.getParameterValue(
		value,
		null,
		0,
		0,
		node.name,
		[],
		'internal',
		/** @type {never} */ ({ $credentials: credentials }),
		undefined,
		false,
	);
	return String(resolved);
}

/** n8n's node types registry, holding the given types by name (whatever version is asked). */
class SimpleNodeTypes {
	/** @param {Record<string, import('n8n-workflow').INodeType>} types */
	constructor(types) {
		this.types = types;
	}

	/** @param {string} name */
	getByName(name) {
		return this.types[name];
	}

	/** @param {string} name */
	getByNameAndVersion(name) {
		return this.types[name];
	}

	getKnownTypes() {
		return {};
	}
}

let executions = 0;

/** A fresh n8n execution ID, as n8n gives every execution its own. */
function newExecutionId() {
	return `test-execution-${process.pid}-${++executions}`;
}

/**
 * What n8n hands a node's context besides the workflow: the credentials store, the execution's
 * ID and n8n's URLs.
 * @param {BenchworkCredentialData} credentials
 * @param {CredentialTypes} credentialTypes
 * @param {string} [executionId]
 * @returns {import('n8n-workflow').IWorkflowExecuteAdditionalData}
 */
function additionalDataFor(credentials, credentialTypes, executionId = newExecutionId()) {
	return /** @type {import('n8n-workflow').IWorkflowExecuteAdditionalData} */ (
		/** @type {unknown} */ ({
			credentialsHelper: new TestCredentialsHelper(
				{ [CREDENTIAL_ID]: { ...credentials } },
				credentialTypes,
			),
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
		})
	);
}

/**
 * A workflow of the one node, as n8n loads it (static data included).
 * @param {import('n8n-workflow').INode} node
 * @param {import('n8n-workflow').INodeType} nodeType
 * @param {string} typeName
 * @param {import('n8n-workflow').IDataObject} [staticData]
 * @param {string} [id] n8n's workflow ID (what tells two workflows' triggers apart)
 * @returns {Workflow}
 */
function buildWorkflow(node, nodeType, typeName, staticData, id = 'wf-test') {
	return new Workflow({
		id,
		name: 'Benchwork test workflow',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new SimpleNodeTypes({ [typeName]: nodeType }),
		staticData,
	});
}

/**
 * The node "Benchwork" of type `typeName` with `parameters` and the test credential.
 * @param {string} typeName
 * @param {import('n8n-workflow').INodeParameters} parameters
 * @param {boolean} [continueOnFail]
 * @returns {import('n8n-workflow').INode}
 */
function nodeWith(typeName, parameters, continueOnFail = false) {
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

/**
 * Executes one node over `items` with n8n-core's ExecuteContext; resolves its main outputs.
 * @param {object} options
 * @param {import('n8n-workflow').INodeType} options.nodeType
 * @param {string} [options.typeName] default the action node's
 * @param {import('n8n-workflow').INodeParameters} options.parameters
 * @param {BenchworkCredentialData} options.credentials
 * @param {CredentialTypes} options.credentialTypes
 * @param {import('n8n-workflow').INodeExecutionData[]} [options.items] default one empty item
 * @param {boolean} [options.continueOnFail]
 * @param {AbortSignal} [options.abortSignal]
 * @param {import('n8n-workflow').WorkflowExecuteMode} [options.mode] default 'manual'
 * @param {string} [options.executionId] a fresh one unless given (the same one = a retry of the node)
 * @param {number} [options.runIndex] the node's run index in its execution, default 0
 * @returns {Promise<import('n8n-workflow').INodeExecutionData[][]>}
 */
async function runNode(options) {
	const typeName = options.typeName ?? ACTION_NODE_TYPE;
	const node = nodeWith(typeName, options.parameters, options.continueOnFail);
	const workflow = buildWorkflow(node, options.nodeType, typeName);
	const items = options.items ?? [{ json: {} }];
	const runExecutionData = /** @type {import('n8n-workflow').IRunExecutionData} */ (
		/** @type {unknown} */ ({
			resultData: { runData: {} },
			executionData: {
				contextData: {},
				nodeExecutionStack: [],
				metadata: {},
				waitingExecution: {},
				waitingExecutionSource: {},
			},
		})
	);
	const inputData = { main: [items] };
	const executeData = { node, data: inputData, source: { main: [{ previousNode: 'Start' }] } };
	const context = new ExecuteContext(
		workflow,
		node,
		additionalDataFor(options.credentials, options.credentialTypes, options.executionId),
		options.mode ?? 'manual',
		runExecutionData,
		options.runIndex ?? 0,
		items,
		inputData,
		executeData,
		[],
		options.abortSignal,
	);
	const execute = options.nodeType.execute;
	if (!execute) throw new Error(`${typeName} has no execute()`);
	return /** @type {import('n8n-workflow').INodeExecutionData[][]} */ (await execute.call(context));
}

module.exports = {
	ACTION_NODE_TYPE,
	CREDENTIAL_ID,
	TestCredentialsHelper,
	SimpleNodeTypes,
	resolveCredentialExpression,
	newExecutionId,
	additionalDataFor,
	buildWorkflow,
	nodeWith,
	runNode,
};

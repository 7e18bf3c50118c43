'use strict';
// The built Benchwork node (dist/) run in this process through n8n-core's real ExecuteContext,
// as test/helpers/n8nHarness.ts does: for figures that need the node's own output (memory,
// answer size) without starting n8n.
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** harness() -> runBenchwork(parameters, items, credentials), resolving the node's main output. */
function harness() {
	const { Logger } = require('@n8n/backend-common');
	const { Container } = require('@n8n/di');
	const quiet = { error() {}, warn() {}, info() {}, debug() {}, verbose() {} };
	quiet.scoped = () => quiet;
	Container.set(Logger, quiet);
	const { ExecuteContext } = require('n8n-core');
	const { ICredentialsHelper, Workflow } = require('n8n-workflow');
	const { Benchwork } = require(path.join(ROOT, 'dist/nodes/Benchwork/Benchwork.node.js'));

	class Credentials extends ICredentialsHelper {
		constructor(data) {
			super();
			this.data = data;
		}
		getParentTypes() {
			return [];
		}
		isCredentialUsableByNode() {
			return true;
		}
		async authenticate(_credentials, _type, options) {
			return {
				...options,
				headers: { ...(options.headers || {}), Authorization: `Bearer ${this.data.apiKey}` },
			};
		}
		async preAuthentication() {
			return undefined;
		}
		async runPreAuthentication() {
			return undefined;
		}
		async getDecrypted() {
			return { ...this.data };
		}
		async updateCredentials() {}
		async updateCredentialsOauthTokenData() {}
		getCredentialsProperties() {
			return [];
		}
	}

	/** Runs the Benchwork node once over `items` with `parameters`; resolves its main output. */
	return async function runBenchwork(parameters, items, credentials) {
		const type = 'n8n-nodes-benchwork.benchwork';
		const node = {
			id: 'bench',
			name: 'Benchwork',
			type,
			typeVersion: 1,
			position: [0, 0],
			parameters,
			credentials: { benchworkApi: { id: 'cred', name: 'Benchwork' } },
		};
		const nodeType = new Benchwork();
		const workflow = new Workflow({
			id: 'bench',
			name: 'bench',
			nodes: [node],
			connections: {},
			active: false,
			nodeTypes: {
				getByName: () => nodeType,
				getByNameAndVersion: () => nodeType,
				getKnownTypes: () => ({}),
			},
		});
		const additionalData = {
			credentialsHelper: new Credentials(credentials),
			executionId: 'bench',
			variables: {},
			userId: 'bench',
		};
		const runData = {
			resultData: { runData: {} },
			executionData: {
				contextData: {},
				nodeExecutionStack: [],
				metadata: {},
				waitingExecution: {},
				waitingExecutionSource: {},
			},
		};
		const input = { main: [items] };
		const context = new ExecuteContext(
			workflow,
			node,
			additionalData,
			'manual',
			runData,
			0,
			items,
			input,
			{ node, data: input, source: { main: [{ previousNode: 'Start' }] } },
			[],
		);
		const [output] = await nodeType.execute.call(context);
		return output;
	};
}

module.exports = { harness };

'use strict';
// The Benchwork node's memory over many items: run in this process through n8n-core's real
// ExecuteContext (as test/helpers/n8nHarness.ts does), heap sampled while it runs. Needs
// `node --expose-gc` and a build (dist/).
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..', '..');

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

/**
 * measureMemory({ baseUrl, apiKey, counts }) -> [{ items, retainedBytes, peakBytes, outputBytes }]
 * retained: heap after the run (output kept) minus before; peak: highest heap while running;
 * output: the output's JSON size, for scale. Flat per item = no cost beyond the output.
 */
async function measureMemory({ baseUrl, apiKey, counts = [2000, 10000] }) {
	if (typeof global.gc !== 'function') throw new Error('run with node --expose-gc');
	const runBenchwork = harness();
	const parameters = {
		resource: 'workflow',
		operation: 'get',
		workflowId: { __rl: true, mode: 'id', value: 'wf_orders_sync' },
	};
	const credentials = { apiKey, baseUrl };
	await runBenchwork(
		parameters,
		Array.from({ length: 500 }, (_, n) => ({ json: { n } })),
		credentials,
	); // warm up: modules, JIT, sockets
	const results = [];
	for (const count of counts) {
		const items = Array.from({ length: count }, (_, n) => ({ json: { n } }));
		global.gc();
		const before = process.memoryUsage().heapUsed;
		let peak = before;
		const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
		const output = await runBenchwork(parameters, items, credentials);
		clearInterval(sampler);
		global.gc();
		const retained = process.memoryUsage().heapUsed - before;
		results.push({
			items: count,
			retainedBytes: retained,
			peakBytes: peak - before,
			outputBytes: JSON.stringify(output).length,
			outputItems: output.length,
		});
	}
	return results;
}

module.exports = { measureMemory };

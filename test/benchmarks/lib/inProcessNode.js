'use strict';
// The built Benchwork node (dist/) run in this process through n8n-core's real ExecuteContext,
// by the code the jest tests run the sources with (test/helpers/n8nContext.js): for figures that
// need the node's own output (memory, answer size) without starting n8n.
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** harness() -> runBenchwork(parameters, items, credentials), resolving the node's main output. */
function harness() {
	// n8n-core's contexts take their logger from n8n's DI container: nothing kept, nothing printed.
	const { Logger } = require('@n8n/backend-common');
	const { Container } = require('@n8n/di');
	const quiet = { error() {}, warn() {}, info() {}, debug() {}, verbose() {} };
	quiet.scoped = () => quiet;
	Container.set(Logger, quiet);
	const { runNode } = require('../../helpers/n8nContext');
	const { Benchwork } = require(path.join(ROOT, 'dist/nodes/Benchwork/Benchwork.node.js'));
	const { BenchworkApi } = require(path.join(ROOT, 'dist/credentials/BenchworkApi.credentials.js'));
	const credentialTypes = { benchworkApi: new BenchworkApi() };

	/** Runs the Benchwork node once over `items` with `parameters`; resolves its main output. */
	return async function runBenchwork(parameters, items, credentials) {
		const [output] = await runNode({
			nodeType: new Benchwork(),
			parameters,
			items,
			credentials,
			credentialTypes,
		});
		return output;
	};
}

module.exports = { harness };

'use strict';
// n8n lists our node and credential types, with light and dark icons it serves.
const assert = require('assert');
const { httpGet } = require('../lib');

// n8n reads a package's icon from disk on its first request; on a loaded machine right after
// start that has taken over 2 s (httpGet's default), which is no fault of the package.
const ICON_TIMEOUT_MS = 20000;

const title = 'node and credential types';

async function run({ n8n, rest, check }) {
	const types = await rest.nodeTypes();
	for (const name of ['benchwork', 'benchworkTrigger', 'benchworkPollingTrigger']) {
		await check(`n8n lists n8n-nodes-benchwork.${name} with light and dark icons`, async () => {
			const type = types.find((t) => t.name === `n8n-nodes-benchwork.${name}`);
			assert.ok(type, 'node type missing');
			assert.ok(
				type.iconUrl && type.iconUrl.light && type.iconUrl.dark,
				`iconUrl ${JSON.stringify(type.iconUrl)}`,
			);
			const light = await httpGet(
				`${n8n.baseUrl}/${type.iconUrl.light.replace(/^\//, '')}`,
				ICON_TIMEOUT_MS,
			);
			const dark = await httpGet(
				`${n8n.baseUrl}/${type.iconUrl.dark.replace(/^\//, '')}`,
				ICON_TIMEOUT_MS,
			);
			assert.strictEqual(light.status, 200);
			assert.strictEqual(dark.status, 200);
			assert.match(light.body, /<svg/);
			assert.notStrictEqual(light.body, dark.body, 'dark icon differs from light');
		});
	}
	await check('n8n lists the benchworkApi credential type', async () => {
		const credentials = await rest.credentialTypes();
		const type = credentials.find((c) => c.name === 'benchworkApi');
		assert.ok(type, 'credential type missing');
		const names = type.properties.map((p) => p.name);
		assert.deepStrictEqual(names.slice(0, 2), ['apiKey', 'baseUrl'], names.join(', '));
	});
}

module.exports = { title, run };

'use strict';
// The API key and every webhook secret Benchwork was given must appear nowhere n8n keeps data
// (the whole Postgres database: executions, static data, workflow history, credentials) or
// writes logs (every n8n process, Postgres, Redis). The database is read twice: while the
// trigger is active (its static data is there) and at the end.
const assert = require('assert');
const fs = require('fs');
const path = require('path');

/** pg_dump text -> {table: rows as text} from its COPY sections. */
function tables(dump) {
	const out = {};
	const re = /^COPY public\.(\w+) \([^)]*\) FROM stdin;\n([\s\S]*?)^\\\.$/gm;
	for (let m = re.exec(dump); m; m = re.exec(dump)) out[m[1]] = m[2];
	return out;
}

function where(text, secret) {
	const at = text.indexOf(secret);
	return at < 0 ? null : text.slice(Math.max(0, at - 120), at).replace(/\s+/g, ' ');
}

function secretList(key, secrets) {
	return [['API key', key], ...[...secrets].map((s, i) => [`webhook secret ${i + 1}`, s])];
}

/**
 * checkSecrets({cluster, postgres, key, secrets, activeDump, hookIds, deliveryIds, logDir, check})
 * activeDump: pg_dump taken while the trigger was active; hookIds: Benchwork webhook ids it held.
 */
async function checkSecrets({
	cluster,
	postgres,
	key,
	secrets,
	activeDump,
	hookIds,
	deliveryIds,
	logDir,
	check,
}) {
	await check(
		'the API key and webhook secrets appear nowhere in Postgres (executions, static data, workflow history)',
		async () => {
			assert.ok(secrets.size > 0, 'a webhook secret was seen');
			assert.ok(activeDump, 'a dump was taken while the trigger was active');
			const dumps = { 'while the trigger was active': activeDump, 'at the end': postgres.dump() };
			// The search covers what it should: the trigger's static data, its history, its runs.
			const active = tables(activeDump);
			assert.ok(
				[...hookIds].some((id) => active.workflow_entity.includes(id)),
				'static data holds the hook id',
			);
			assert.ok(
				/benchworkTrigger/.test(active.workflow_history),
				'workflow history holds the trigger',
			);
			const end = tables(dumps['at the end']);
			assert.ok(
				deliveryIds.length > 0 && deliveryIds.every((id) => end.execution_data.includes(id)),
				'executions hold the deliveries',
			);
			assert.ok(end.credentials_entity.length > 0, 'the credential is stored');
			for (const [when, dump] of Object.entries(dumps)) {
				for (const [table, rows] of Object.entries(tables(dump))) {
					for (const [what, secret] of secretList(key, secrets)) {
						const found = where(rows, secret);
						assert.strictEqual(found, null, `${what} in table ${table} ${when}, after: …${found}`);
					}
				}
				for (const [what, secret] of secretList(key, secrets))
					assert.strictEqual(where(dump, secret), null, `${what} in the dump ${when}`);
			}
		},
	);
	await check('the API key and webhook secrets appear in no process’s log', async () => {
		const logs = { ...cluster.logs() };
		for (const file of ['postgres.log', 'redis.log'])
			logs[file] = fs.readFileSync(path.join(logDir, file), 'utf8');
		assert.ok(logs.webhook.includes('refused a delivery'), 'the logs read are the ones written');
		for (const [name, text] of Object.entries(logs)) {
			for (const [what, secret] of secretList(key, secrets)) {
				const found = where(text, secret);
				assert.strictEqual(found, null, `${what} found in ${name}'s log after: …${found}`);
			}
		}
	});
}

module.exports = { checkSecrets, tables };

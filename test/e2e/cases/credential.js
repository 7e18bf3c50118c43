'use strict';
// The credential made over REST and its Test, one table row per answer Benchwork can give.
// Sets ctx.credentials = { credential, wrong } for the cases after it.
const assert = require('assert');
const { KEYS } = require('../../sandbox/server');

const title = 'credential';

/** A key no sandbox knows: Benchwork answers 401. */
const WRONG_KEY = 'bw_live_e2e_wrong_key_never_shown';

const LOGIN_PAGE = {
	method: 'GET',
	path: '/workflows',
	status: 200,
	body: '<html>Sign in</html>',
	contentType: 'text/html',
	times: 0,
};

// 2.x throws on 401/403 alone and applies the status rules; 1.x ignores every status there, so
// the body rules decide: the same wording on both lines.
const TESTS = [
	{ name: 'the credential Test passes with an Enterprise key', credential: 'credential' },
	{
		name: 'the credential Test fails a wrong key (401), saying where to get a new one',
		credential: 'wrong',
		message: /did not accept this API key \(401\)/,
	},
	{
		name: 'the credential Test fails a key without the Enterprise plan (403), saying how to upgrade',
		credential: 'starter',
		message: /no API access \(403\).*Enterprise plan/,
	},
	{
		name: 'the credential Test fails a login page answered with 200 (no workflow list)',
		credential: 'credential',
		fault: LOGIN_PAGE,
		message: /did not answer with a list of workflows/,
	},
];

const CREDENTIALS = {
	credential: { name: 'Benchwork sandbox', apiKey: KEYS.enterprise },
	wrong: { name: 'Benchwork wrong key', apiKey: WRONG_KEY },
	starter: { name: 'Benchwork starter plan', apiKey: KEYS.starter },
};

/**
 * Runs one credential Test: `message` absent = it passes; else it fails with that message, and
 * the answer never contains the key tried.
 */
async function checkCredentialTest({ rest, sandbox, check }, made, test) {
	const { credential, data } = made[test.credential];
	await check(test.name, async () => {
		if (test.fault) await sandbox.addFault(test.fault);
		try {
			const result = await rest.testCredential({ ...credential, type: 'benchworkApi', data });
			if (!test.message) {
				assert.strictEqual(result.status, 'OK', JSON.stringify(result));
				return;
			}
			assert.strictEqual(result.status, 'Error', JSON.stringify(result));
			assert.match(result.message, test.message);
			assert.ok(!JSON.stringify(result).includes(data.apiKey), 'key not in the answer');
		} finally {
			if (test.fault) await sandbox.clearFaults();
		}
	});
}

async function run(ctx) {
	const { rest, sandbox } = ctx;
	const made = {};
	for (const [id, { name, apiKey }] of Object.entries(CREDENTIALS)) {
		const data = { apiKey, baseUrl: sandbox.baseUrl };
		made[id] = {
			credential: await rest.createCredential({ name, type: 'benchworkApi', data }),
			data,
		};
	}
	for (const test of TESTS) await checkCredentialTest(ctx, made, test);
	ctx.credentials = { credential: made.credential.credential, wrong: made.wrong.credential };
}

module.exports = { title, run, WRONG_KEY };

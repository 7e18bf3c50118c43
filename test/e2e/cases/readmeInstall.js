'use strict';
// Every install command README.md's Installation section gives, run as written (lib/readmeInstall.js:
// only the package name and the home folder stand in), each into its own fresh folder, then n8n
// started on that folder: the nodes load, Workflow → Get Many runs, the Benchwork Trigger starts
// its workflow. The Docker block's npm line runs and its folder becomes n8n's nodes folder, as the
// block's `docker run` mounts it (no Docker here: that line is only read). That instance runs with
// unverified packages off (n8n 3's default): n8n's installer refuses the package, the one put
// there by hand still works. And the Manually command without its peer flag, once per Node.js,
// so that README's warning says what npm does then. Starts its own n8n processes; ctx.n8n idles.
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const { KEYS } = require('../../sandbox/server');
const {
	PACKAGE_NAME,
	N8nRest,
	executeWorkflow,
	freshHome,
	installationBlocks,
	makeUserFolder,
	n8nWorkflowSeenBy,
	nodesDir,
	outputItems,
	packagesOnDisk,
	runAsUser,
	startN8n,
	startRunAndAwaitEcho,
	userShellEnv,
	withTarball,
} = require('../lib');
const { oneNodeWorkflow, triggerWorkflow } = require('../workflows');

const title = 'README install commands';

/** The flag README's npm commands need (what npm does without it is shown below). */
const PEER_FLAG = '--legacy-peer-deps';
/** n8n 3's default; n8n 2.41 and 1.123 read it, 1.85 has no such setting. */
const UNVERIFIED_OFF = { N8N_UNVERIFIED_PACKAGES_ENABLED: 'false' };
/** What n8n's installer answers with unverified packages off (CommunityPackagesService). */
const REFUSED = /Installation of unverified community packages is forbidden!/;
/** n8n's own folder in its Docker image: the user folder of the n8n the Docker block runs. */
const IMAGE_USER_FOLDER = '/home/node';
const NODE_TYPES = ['benchwork', 'benchworkTrigger', 'benchworkPollingTrigger'];

/** Node.js runtimes whose peer-flag-less install this run has shown, and on which line. */
const shownWithoutFlag = new Map();

const seconds = (ms) => (ms / 1000).toFixed(1);
const modulesOf = (userFolder) => path.join(nodesDir(userFolder), 'node_modules');

/** README's commands by bullet; only what this case runs or reads may be there. */
function readmeCommands() {
	const blocks = installationBlocks();
	const labels = blocks.map((block) => block.label);
	assert.deepStrictEqual(labels, ['Manually', 'Docker'], 'code blocks in README Installation');
	const [manual] = blocks[0].commands;
	const [npmLine, dockerRun, ...rest] = blocks[1].commands;
	assert.strictEqual(blocks[0].commands.length, 1, 'Manually: one command');
	assert.deepStrictEqual(rest, [], 'Docker: the npm line and docker run');
	assert.match(dockerRun, /^docker run /);
	for (const command of [manual, npmLine]) assert.ok(command.includes(` ${PEER_FLAG} `), command);
	return { manual, npmLine, dockerRun };
}

/** Runs a README command as a user would, with `home` as HOME and `cwd` as the shell's folder. */
async function runReadmeCommand(ctx, command, { home, cwd = home, stopWhen }) {
	return runAsUser(withTarball(command, ctx.tarball), {
		cwd,
		env: userShellEnv({ line: ctx.line, home }),
		stopWhen,
	});
}

function assertSucceeded(result) {
	assert.strictEqual(result.code, 0, `exit ${result.code ?? result.signal}\n${result.output}`);
}

/** The nodes folder holds our package alone, and its nodes get n8n's own n8n-workflow. */
function assertOnePackageOnN8nsWorkflow(line, nodeModules) {
	assert.deepStrictEqual(packagesOnDisk(nodeModules), [PACKAGE_NAME]);
	const seen = n8nWorkflowSeenBy(line, path.join(nodeModules, PACKAGE_NAME));
	assert.ok(seen.usesOwn, `the nodes get ${seen.used}, n8n has ${seen.own}`);
}

/**
 * Starts n8n on `userFolder` (with `env`), then: the nodes are listed, n8n's Community Nodes page
 * lists nothing (the package is on disk only), `during(rest)` runs, Workflow → Get Many runs by
 * `n8n execute`, and the Benchwork Trigger starts its workflow for a finished run.
 */
async function nodesWorkIn(ctx, { name, userFolder, env = {}, during = async () => {} }) {
	const { line, sandbox, check } = ctx;
	const n8n = await startN8n({ line, userFolder, env, timeoutMs: 420000 });
	console.log(`       n8n started in ${seconds(n8n.startedInMs)} s`);
	try {
		const rest = new N8nRest(n8n);
		await rest.ensureOwner();
		await check(`${name}: n8n lists the Benchwork nodes`, async () => {
			const listed = new Set((await rest.nodeTypes()).map((type) => type.name));
			for (const type of NODE_TYPES) assert.ok(listed.has(`${PACKAGE_NAME}.${type}`), type);
		});
		await check(`${name}: n8n's Community Nodes page does not list it`, async () => {
			assert.deepStrictEqual(await rest.data('GET', '/rest/community-packages'), []);
		});
		await during(rest);
		const credential = await rest.createCredential({
			name: 'Benchwork sandbox',
			type: 'benchworkApi',
			data: { apiKey: KEYS.enterprise, baseUrl: sandbox.baseUrl },
		});
		await check(`${name}: Workflow → Get Many runs (n8n execute)`, async () => {
			const workflow = await rest.createWorkflow(
				oneNodeWorkflow(
					'Benchwork README install: Get Many',
					{ resource: 'workflow', operation: 'getAll', limit: 5 },
					credential,
				),
			);
			const { run } = await executeWorkflow({ line, userFolder, id: workflow.id, env });
			const items = outputItems(run, 'Benchwork');
			assert.ok(items.length > 0, 'no workflows');
			assert.ok(
				items.every((item) => /^wf_/.test(item.id)),
				JSON.stringify(items),
			);
		});
		await check(
			`${name}: the Benchwork Trigger starts its workflow for a finished run`,
			async () => {
				const tag = `readme-${line.id}-${name}`;
				const { workflow } = triggerWorkflow(credential, {
					echoUrl: `${sandbox.origin}/_sandbox/echo`,
					tag,
				});
				const created = await rest.createWorkflow(workflow);
				await rest.activate(created.id);
				try {
					await startRunAndAwaitEcho(sandbox, {
						workflowId: 'wf_orders_sync',
						event: 'execution.completed',
						key: KEYS.enterprise,
						tag,
					});
				} finally {
					await rest.deactivate(created.id);
				}
			},
		);
	} finally {
		await n8n.stop();
	}
}

/** Unverified packages off: the editor is told so, and n8n's installer refuses the package. */
async function installerRefuses(ctx, rest, userFolder) {
	const { line, check } = ctx;
	const settings = await rest.data('GET', '/rest/settings');
	if (!('unverifiedCommunityNodesEnabled' in settings)) {
		console.log(`  skip n8n ${line.n8nVersion} has no N8N_UNVERIFIED_PACKAGES_ENABLED setting`);
		return;
	}
	await check('unverified packages off: n8n tells the editor so', async () => {
		assert.strictEqual(settings.unverifiedCommunityNodesEnabled, false);
	});
	await check(
		`unverified packages off: n8n's installer refuses ${PACKAGE_NAME}, the nodes folder unchanged`,
		async () => {
			const before = packagesOnDisk(modulesOf(userFolder));
			const answer = await rest.request('POST', '/rest/community-packages', {
				body: { name: PACKAGE_NAME },
				expect: [400, 500],
			});
			assert.match(answer.message, REFUSED);
			console.log(`       n8n answers: ${answer.message}`);
			assert.deepStrictEqual(packagesOnDisk(modulesOf(userFolder)), before);
		},
	);
}

/**
 * The Manually command without PEER_FLAG, in the background, once per Node.js runtime. On a
 * Node where npm starts compiling isolated-vm (minutes), it is stopped there: by then every
 * package is on disk. -> Promise of the checks to run on its result, or null when shown already.
 */
function withoutPeerFlag(ctx, manual) {
	const { line } = ctx;
	if (shownWithoutFlag.has(line.runtime)) return null;
	shownWithoutFlag.set(line.runtime, line.id);
	const home = freshHome(`readme-without-flag-${line.runtime}`);
	const nodeModules = modulesOf(home);
	const isolatedVmBuild = path.join(nodeModules, 'isolated-vm', 'build');
	const command = manual.replace(` ${PEER_FLAG} `, ' ');
	const result = runReadmeCommand(ctx, command, {
		home,
		stopWhen: () => fs.existsSync(isolatedVmBuild),
	});
	return result.then((r) => async () => {
		const { check } = ctx;
		const name = `the Manually command without ${PEER_FLAG} on Node.js ${line.nodeVersion}`;
		await check(
			`${name}: npm adds n8n-workflow and its dependencies; the nodes would load that copy, not n8n's`,
			async () => {
				const packages = packagesOnDisk(nodeModules);
				assert.ok(packages.includes('n8n-workflow'), `${r.output}\n${packages.join(' ')}`);
				const seen = n8nWorkflowSeenBy(line, path.join(nodeModules, PACKAGE_NAME));
				assert.ok(!seen.usesOwn, `the nodes get n8n's own ${seen.own}`);
				const { version } = JSON.parse(
					fs.readFileSync(path.join(nodeModules, 'n8n-workflow', 'package.json'), 'utf8'),
				);
				console.log(
					`       ${packages.length} packages in the nodes folder, n8n-workflow ${version} among them`,
				);
			},
		);
		if (r.stopped === true) {
			await check(
				`${name}: npm compiles isolated-vm from C++ source (it wants Node.js 24)`,
				async () => {
					assert.match(r.output, /EBADENGINE[\s\S]*isolated-vm[\s\S]*>=24/);
					console.log(`       node-gyp began after ${seconds(r.ms)} s; stopped there`);
				},
			);
		} else {
			await check(`${name}: npm finishes, isolated-vm from its prebuilt binary`, async () => {
				assertSucceeded(r);
				assert.ok(!fs.existsSync(isolatedVmBuild), 'isolated-vm was compiled');
				console.log(`       in ${seconds(r.ms)} s`);
			});
		}
		fs.rmSync(home, { recursive: true, force: true });
	});
}

async function run(ctx) {
	const { line, sandbox, check } = ctx;
	await sandbox.reset();
	const commands = await check(
		'README Installation: its code blocks are the Manually command, and the Docker npm line with its docker run',
		readmeCommands,
	);
	if (!commands) return;
	const { manual, npmLine, dockerRun } = commands;
	const shownOn = shownWithoutFlag.get(line.runtime);
	const pendingWithoutFlag = withoutPeerFlag(ctx, manual);
	try {
		await readmeCommandsWork(ctx, { manual, npmLine, dockerRun });
	} finally {
		if (pendingWithoutFlag) await (await pendingWithoutFlag)();
		else
			console.log(`  (without ${PEER_FLAG} on Node.js ${line.nodeVersion}: shown on ${shownOn})`);
	}
}

/** The Manually command and the Docker npm line as written, then n8n on what each installed. */
async function readmeCommandsWork(ctx, { manual, npmLine, dockerRun }) {
	const { line, check } = ctx;

	// Manually: `~` is a fresh home, n8n's user folder (n8n's default is the home folder).
	const home = freshHome(`readme-manually-${line.id}`);
	const manually = await check(
		"Manually, as written: npm installs the package alone, on n8n's own n8n-workflow",
		async () => {
			const r = await runReadmeCommand(ctx, manual, { home });
			assertSucceeded(r);
			assertOnePackageOnN8nsWorkflow(line, modulesOf(home));
			console.log(`       in ${seconds(r.ms)} s`);
			return true;
		},
	);
	if (manually) await nodesWorkIn(ctx, { name: 'Manually', userFolder: home });

	// Docker: the npm line in a host folder; docker run mounts what it made as n8n's nodes folder.
	const host = freshHome(`readme-docker-host-${line.id}`);
	const userFolder = makeUserFolder(`readme-docker-${line.id}`);
	const docker = await check(
		"Docker, the npm line as written: a folder with the package alone, mounted as n8n's nodes folder",
		async () => {
			const mount = /-v "\$PWD\/([^:"]+):([^"]+)"/.exec(dockerRun);
			assert.ok(mount, `no -v "$PWD/…:…" in ${dockerRun}`);
			assert.strictEqual(mount[2], path.posix.join(IMAGE_USER_FOLDER, '.n8n', 'nodes'));
			const r = await runReadmeCommand(ctx, npmLine, { home: host });
			assertSucceeded(r);
			// What the mount does: that folder is n8n's nodes folder.
			fs.renameSync(path.join(host, mount[1]), nodesDir(userFolder));
			assertOnePackageOnN8nsWorkflow(line, modulesOf(userFolder));
			console.log(`       in ${seconds(r.ms)} s`);
			return true;
		},
	);
	if (docker) {
		await nodesWorkIn(ctx, {
			name: 'Docker (N8N_UNVERIFIED_PACKAGES_ENABLED=false)',
			userFolder,
			env: UNVERIFIED_OFF,
			during: (rest) => installerRefuses(ctx, rest, userFolder),
		});
	}
	for (const dir of [home, host, userFolder]) fs.rmSync(dir, { recursive: true, force: true });
}

module.exports = { title, run };

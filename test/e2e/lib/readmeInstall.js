'use strict';
// The README's install commands, run the way a user's shell runs them: the command text read
// from README.md's Installation section, with only the package name (→ the packed tarball) and
// the home folder (→ a fresh folder) standing in; the line's Node first on PATH, npm's own
// registry and cache. And what such an install left: the packages on disk, and which
// n8n-workflow the package's nodes get when n8n loads them.
const fs = require('fs');
const path = require('path');
const { spawn, spawnSync } = require('child_process');
const { USERS_ROOT } = require('./userfolder');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const PACKAGE_NAME = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).name;

/**
 * installationBlocks(readmeText?) -> [{ label, commands: [string] }]: every fenced code block in
 * README.md's "## Installation" section, labelled by the bullet it sits in (`- **Manually**: …`
 * -> 'Manually'), one entry per command (a line, with `\` continuations joined).
 */
function installationBlocks(readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')) {
	const lines = readme.split('\n');
	const start = lines.findIndex((l) => /^## Installation\s*$/.test(l));
	if (start === -1) throw new Error('README.md has no "## Installation" section');
	const end = lines.findIndex((l, i) => i > start && /^## /.test(l));
	const section = lines.slice(start + 1, end === -1 ? undefined : end);
	const blocks = [];
	let label = null;
	for (let i = 0; i < section.length; i++) {
		const bullet = /^- \*\*([^*]+)\*\*/.exec(section[i]);
		if (bullet) label = bullet[1];
		const fence = /^(\s*)```\w*\s*$/.exec(section[i]);
		if (!fence) continue;
		const body = [];
		for (i++; i < section.length && !/^\s*```\s*$/.test(section[i]); i++) {
			body.push(section[i].slice(fence[1].length));
		}
		blocks.push({
			label,
			commands: body
				.join('\n')
				.replace(/\\\n\s*/g, '')
				.split('\n'),
		});
	}
	return blocks;
}

const quote = (s) => `'${s.replace(/'/g, `'\\''`)}'`;

/** The command with the package's name (exactly once, as a word) replaced by the tarball's path. */
function withTarball(command, tarball) {
	const name = new RegExp(`(?<![\\w./@-])${PACKAGE_NAME}(?![\\w./@-])`, 'g');
	const found = (command.match(name) || []).length;
	if (found !== 1) throw new Error(`"${PACKAGE_NAME}" is not in "${command}" once (${found})`);
	return command.replace(name, quote(tarball));
}

/** freshHome(name) -> an empty folder outside the checkout (see USERS_ROOT) to be a user's home. */
function freshHome(name) {
	const dir = path.join(USERS_ROOT, name);
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	return dir;
}

// What `npm run` hands its children (npm_config_* from this checkout's .npmrc, ignore-scripts
// among them, npm_package_*, INIT_CWD …) and what n8n reads: a user's shell has none of it.
const NOT_IN_A_USERS_SHELL = /^(npm_|INIT_CWD$|NODE$|NODE_PATH$|N8N_|DB_)/i;
// `npm run` also puts node_modules/.bin folders and its node-gyp shim first on PATH.
const NOT_ON_A_USERS_PATH = /node_modules[\\/]\.bin$|node-gyp-bin$/;

function cleanEnv() {
	const env = {};
	for (const [k, v] of Object.entries(process.env)) if (!NOT_IN_A_USERS_SHELL.test(k)) env[k] = v;
	env.PATH = (process.env.PATH || '')
		.split(path.delimiter)
		.filter((p) => p && !NOT_ON_A_USERS_PATH.test(p))
		.join(path.delimiter);
	return env;
}

let npmCache;
/** The npm cache this machine's npm uses (asked before HOME is replaced). */
function machineNpmCache() {
	if (npmCache) return npmCache;
	const r = spawnSync('npm', ['config', 'get', 'cache'], { env: cleanEnv(), encoding: 'utf8' });
	if (r.status !== 0) throw new Error(`npm config get cache failed: ${r.stderr || r.error}`);
	npmCache = r.stdout.trim();
	return npmCache;
}

/**
 * userShellEnv({line, home}) -> the environment of a user's shell on that line's machine: HOME =
 * `home` (so `~` and npm's user config are the fresh folder's), the line's Node first on PATH
 * (npm is the machine's, run by that Node), npm's own registry and cache. node-gyp gets that
 * Node's headers from its npm package (a user's node-gyp downloads the same from nodejs.org).
 */
function userShellEnv({ line, home }) {
	const env = cleanEnv();
	return Object.assign(env, {
		HOME: home,
		PATH: [path.dirname(line.nodeBin), env.PATH].join(path.delimiter),
		npm_config_cache: machineNpmCache(),
		npm_config_nodedir: line.nodeDir,
		npm_config_update_notifier: 'false',
	});
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const OUTPUT_KEPT = 200000;

/**
 * runAsUser(command, {cwd, env, timeoutMs = 600000, stopWhen}) ->
 *   Promise<{ code, signal, output, ms, stopped }>
 * Runs `sh -c command` (the README's blocks are `sh`) in its own process group, stdout and
 * stderr together (the last 200 kB kept). `stopWhen()`, checked every 200 ms, ends the whole
 * group early (`stopped: true`), as does the timeout (`stopped: 'timeout'`).
 */
function runAsUser(command, { cwd, env, timeoutMs = 600000, stopWhen } = {}) {
	const t0 = Date.now();
	const child = spawn('/bin/sh', ['-c', command], {
		cwd,
		env,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	let output = '';
	const keep = (d) => {
		output = (output + d).slice(-OUTPUT_KEPT);
	};
	child.stdout.setEncoding('utf8').on('data', keep);
	child.stderr.setEncoding('utf8').on('data', keep);
	let stopped = false;
	const exited = new Promise((resolve) =>
		child.on('close', (code, signal) => resolve({ code, signal })),
	);
	const kill = (why) => {
		stopped = why;
		try {
			process.kill(-child.pid, 'SIGKILL');
		} catch {
			/* gone */
		}
	};
	const watch = (async () => {
		let done = false;
		exited.then(() => (done = true));
		while (!done) {
			if (stopWhen && stopWhen()) return kill(true);
			if (Date.now() - t0 > timeoutMs) return kill('timeout');
			await sleep(200);
		}
	})();
	return Promise.all([exited, watch]).then(([{ code, signal }]) => ({
		code,
		signal,
		output,
		ms: Date.now() - t0,
		stopped,
	}));
}

/**
 * packagesOnDisk(nodeModules) -> ['name', '@scope/name', 'name/node_modules/dep', …]: every
 * package npm put under that node_modules folder, nested ones included.
 */
function packagesOnDisk(nodeModules, prefix = '') {
	if (!fs.existsSync(nodeModules)) return [];
	const found = [];
	const visit = (dir, name) => {
		if (!fs.existsSync(path.join(dir, 'package.json'))) return;
		found.push(prefix + name);
		found.push(...packagesOnDisk(path.join(dir, 'node_modules'), `${prefix}${name}/node_modules/`));
	};
	for (const entry of fs.readdirSync(nodeModules)) {
		if (entry.startsWith('.')) continue;
		const dir = path.join(nodeModules, entry);
		if (entry.startsWith('@')) {
			for (const sub of fs.readdirSync(dir)) visit(path.join(dir, sub), `${entry}/${sub}`);
		} else visit(dir, entry);
	}
	return found.sort();
}

// Run by the line's Node: n8n puts its own module paths on NODE_PATH before it loads community
// packages (LoadNodesAndCredentials.init, 1.x and 2.x), so a package's require('n8n-workflow')
// finds a copy in a node_modules folder above the package first, and n8n's own only if none.
const RESOLVE_AS_N8N = `
const Module = require('module');
const path = require('path');
const [n8nDist, from] = process.argv.slice(1);
process.env.NODE_PATH = Module._nodeModulePaths(n8nDist).join(path.delimiter);
Module._initPaths();
const own = Module.createRequire(path.join(n8nDist, 'index.js')).resolve('n8n-workflow');
const used = Module.createRequire(from).resolve('n8n-workflow');
console.log(JSON.stringify({ own, used }));
`;

/**
 * n8nWorkflowSeenBy(line, packageDir) -> { own, used, usesOwn }: the n8n-workflow file n8n itself
 * loads, the one the package's first node (package.json n8n.nodes[0]) gets when that n8n loads
 * it, and whether they are the same file.
 */
function n8nWorkflowSeenBy(line, packageDir) {
	const manifest = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
	const from = path.join(packageDir, manifest.n8n.nodes[0]);
	const n8nDist = fs.realpathSync(path.join(line.dir, 'node_modules', 'n8n', 'dist'));
	const r = spawnSync(line.nodeBin, ['-e', RESOLVE_AS_N8N, n8nDist, from], {
		env: cleanEnv(),
		encoding: 'utf8',
	});
	if (r.status !== 0) throw new Error(`resolving n8n-workflow failed: ${r.stderr || r.error}`);
	const { own, used } = JSON.parse(r.stdout);
	const real = (p) => fs.realpathSync(p);
	return { own: real(own), used: real(used), usesOwn: real(own) === real(used) };
}

module.exports = {
	PACKAGE_NAME,
	installationBlocks,
	withTarball,
	freshHome,
	userShellEnv,
	runAsUser,
	packagesOnDisk,
	n8nWorkflowSeenBy,
};

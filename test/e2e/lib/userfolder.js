'use strict';
// Fresh n8n user folders, and community packages installed into them the way n8n's own
// installer does it (CommunityPackagesService.downloadPackage, same in 1.123 and 2.41):
//   1. <N8N_USER_FOLDER>/.n8n/nodes/package.json exists ({name: 'installed-nodes', private,
//      dependencies: {}}) -- ensurePackageJson()
//   2. the package folder .n8n/nodes/node_modules/<name> is removed and recreated
//   3. the tarball is unpacked into it with --strip-components=1
//   4. devDependencies, peerDependencies and optionalDependencies are dropped from its
//      package.json (rewritten with 2-space JSON)
//   5. `npm install --audit=false --fund=false --bin-links=false --install-strategy=shallow
//      --ignore-scripts=true --package-lock=false` runs inside the package folder
//   6. .n8n/nodes/package.json gets dependencies[<name>] = <version>
// (n8n also writes an installed_packages row to its database when installing through the UI or
// REST; a package that is only on disk is still loaded at start, which is what users who
// install by npm in the nodes folder get. Nothing here needs that row.)
const crypto = require('crypto');
const os = require('os');
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const tarball = require('./tarball');
const { WORK_DIR } = require('./lines');

const NPM_INSTALL_ARGS = [
	'--audit=false',
	'--fund=false',
	'--bin-links=false',
	'--install-strategy=shallow',
	'--ignore-scripts=true',
	'--package-lock=false',
];

/**
 * makeUserFolder(name, {clean = true, root = USERS_ROOT (outside the checkout)}) -> absolute path of <root>/<name>
 * The folder is what N8N_USER_FOLDER points at; n8n keeps everything under <it>/.n8n.
 */
// Outside the checkout: a package under <user folder>/.n8n/nodes resolves `require('n8n-workflow')`
// by walking up the folders, and inside the checkout it would find this repo's devDependency
// (2.x) before the n8n line's own copy, so every line would run the nodes on the newest API.
// One folder per checkout (hash of its path), so that checkouts on one machine do not collide.
const USERS_ROOT = path.join(
	os.tmpdir(),
	`benchwork-e2e-${crypto.createHash('sha256').update(WORK_DIR).digest('hex').slice(0, 12)}`,
	'users',
);

function makeUserFolder(name, { clean = true, root = USERS_ROOT } = {}) {
	if (!/^[\w.-]+$/.test(name)) throw new Error(`bad user folder name: ${name}`);
	const dir = path.join(path.resolve(root), name);
	if (clean) fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(path.join(dir, '.n8n'), { recursive: true });
	return dir;
}

function nodesDir(userFolder) {
	return path.join(userFolder, '.n8n', 'nodes');
}

function ensureNodesPackageJson(userFolder) {
	const dir = nodesDir(userFolder);
	const file = path.join(dir, 'package.json');
	if (!fs.existsSync(file)) {
		fs.mkdirSync(dir, { recursive: true });
		fs.writeFileSync(
			file,
			JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2),
			'utf-8',
		);
	}
	return file;
}

/**
 * installCommunityPackage(userFolder, tarballPath, {npm = 'npm', env}) -> {name, version, dir}
 * Installs a `npm pack` tarball as n8n's community-package installer would (see top of file).
 * `npm install` runs even without dependencies, as n8n does; pass {npm: false} to skip it.
 */
function installCommunityPackage(userFolder, tarballPath, { npm = 'npm', env = process.env } = {}) {
	const manifestBuf = tarball.readFile(tarballPath, 'package.json');
	if (!manifestBuf) throw new Error(`${tarballPath}: no package/package.json inside`);
	const manifest = JSON.parse(manifestBuf.toString('utf8'));
	const name = manifest.name;
	if (!/^(@[a-z0-9-~][a-z0-9-._~]*\/)?n8n-nodes-[a-z0-9-._~]+$/.test(name || '')) {
		throw new Error(
			`${tarballPath}: "${name}" is not a community package name (n8n-nodes-* or @scope/n8n-nodes-*)`,
		);
	}
	const nodesJson = ensureNodesPackageJson(userFolder);
	const modules = path.join(nodesDir(userFolder), 'node_modules');
	const dir = path.join(modules, ...name.split('/'));
	if (path.relative(modules, dir).split(path.sep).join('/') !== name)
		throw new Error(`invalid package name ${name}`);
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	tarball.extract(tarballPath, dir, { strip: 1 });

	const pkgFile = path.join(dir, 'package.json');
	// eslint-disable-next-line no-unused-vars
	const { devDependencies, peerDependencies, optionalDependencies, ...pkg } = JSON.parse(
		fs.readFileSync(pkgFile, 'utf-8'),
	);
	fs.writeFileSync(pkgFile, JSON.stringify(pkg, null, 2), 'utf-8');

	if (npm) {
		const r = spawnSync(npm, ['install', ...NPM_INSTALL_ARGS], { cwd: dir, env, encoding: 'utf8' });
		if (r.status !== 0) {
			throw new Error(
				`npm install in ${dir} failed (${r.status ?? r.signal}): ${r.error || ''}\n${r.stdout}\n${r.stderr}`,
			);
		}
	}

	const nodes = JSON.parse(fs.readFileSync(nodesJson, 'utf-8'));
	nodes.dependencies = nodes.dependencies || {};
	nodes.dependencies[name] = pkg.version;
	fs.writeFileSync(nodesJson, JSON.stringify(nodes, null, 2), 'utf-8');
	return { name, version: pkg.version, dir };
}

/**
 * npmPack(packageDir, destDir) -> absolute path of the tarball `npm pack` wrote into destDir.
 * Runs with --ignore-scripts so nothing is built on the way (build first, e.g. `npm run build`).
 */
function npmPack(
	packageDir,
	destDir = path.join(WORK_DIR, 'pack'),
	{ npm = 'npm', env = process.env } = {},
) {
	fs.mkdirSync(destDir, { recursive: true });
	const r = spawnSync(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', destDir], {
		cwd: packageDir,
		env,
		encoding: 'utf8',
	});
	if (r.status !== 0) throw new Error(`npm pack in ${packageDir} failed: ${r.stderr || r.error}`);
	const info = JSON.parse(r.stdout);
	return path.join(destDir, info[0].filename);
}

module.exports = {
	USERS_ROOT,
	makeUserFolder,
	installCommunityPackage,
	ensureNodesPackageJson,
	nodesDir,
	npmPack,
	NPM_INSTALL_ARGS,
};

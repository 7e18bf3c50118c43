'use strict';
// Builds and packs this package and installs the tarball into the demo's n8n as a community
// package (the way n8n's own installer does). Skipped when nothing the package is built from
// changed since the last demo start, so a second start takes seconds.
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const { npmPack, installCommunityPackage, nodesDir } = require('../../test/e2e/lib');

const ROOT = path.resolve(__dirname, '..', '..');
const SOURCES = ['nodes', 'credentials', 'package.json', 'tsconfig.json'];
const PACKAGE_NAME = require(path.join(ROOT, 'package.json')).name;

function listFiles(p) {
	const full = path.join(ROOT, p);
	if (!fs.existsSync(full)) return [];
	if (!fs.statSync(full).isDirectory()) return [p];
	return fs.readdirSync(full).flatMap((name) => listFiles(path.join(p, name)));
}

/** A fingerprint of everything the build reads: paths, sizes and modification times. */
function sourceFingerprint() {
	const hash = crypto.createHash('sha256');
	for (const file of SOURCES.flatMap(listFiles).sort()) {
		const st = fs.statSync(path.join(ROOT, file));
		hash.update(`${file}\0${st.size}\0${st.mtimeMs}\n`);
	}
	return hash.digest('hex');
}

function readStamp(file) {
	try {
		return fs.readFileSync(file, 'utf8').trim();
	} catch {
		return null;
	}
}

/**
 * installPackage({stateDir, userFolder, log}) -> {built: boolean, installed: boolean, tarball?}
 * `npm run build` unless dist/ was built from the current sources by an earlier demo start;
 * `npm pack` and the community-package install unless that same build is installed already.
 */
function installPackage({ stateDir, userFolder, log = console.log }) {
	const fingerprint = sourceFingerprint();
	// dist/ is one for the whole checkout, so is the record of what it was built from.
	const buildStamp = path.join(ROOT, '.demo', 'build.stamp');
	const installStamp = path.join(userFolder, '.n8n', 'benchwork-demo-package.stamp');
	const distOk = fs.existsSync(path.join(ROOT, 'dist', 'nodes', 'Benchwork', 'Benchwork.node.js'));
	let built = false;
	if (!distOk || readStamp(buildStamp) !== fingerprint) {
		log('building the package (npm run build)');
		const r = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, encoding: 'utf8' });
		if (r.status !== 0) throw new Error(`npm run build failed:\n${r.stdout}\n${r.stderr}`);
		fs.mkdirSync(path.dirname(buildStamp), { recursive: true });
		fs.writeFileSync(buildStamp, fingerprint);
		built = true;
	}
	const packageDir = path.join(nodesDir(userFolder), 'node_modules', PACKAGE_NAME);
	if (!built && fs.existsSync(packageDir) && readStamp(installStamp) === fingerprint) {
		return { built, installed: false };
	}
	const tarball = npmPack(ROOT, path.join(stateDir, 'pack'));
	log(`installing ${path.basename(tarball)} as a community package`);
	installCommunityPackage(userFolder, tarball);
	fs.writeFileSync(installStamp, fingerprint);
	return { built, installed: true, tarball };
}

module.exports = { installPackage, sourceFingerprint, ROOT };

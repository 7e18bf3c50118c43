// Copies what tsc does not: node and credential icons, and each node's codex (.node.json).
const path = require('path');
const { task, src, dest } = require('gulp');

task('build:icons', copyAssets);

function copyAssets() {
	const nodeAssets = path.resolve('nodes', '**', '*.{png,svg,json}');
	const credentialAssets = path.resolve('credentials', '**', '*.{png,svg}');
	src(nodeAssets, { encoding: false }).pipe(dest(path.resolve('dist', 'nodes')));
	return src(credentialAssets, { encoding: false }).pipe(dest(path.resolve('dist', 'credentials')));
}

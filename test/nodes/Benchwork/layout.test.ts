import { readdirSync, readFileSync, statSync } from 'fs';
import { dirname, join, relative, sep } from 'path';
import * as ts from 'typescript';

/*
 * The service folder's rooms and which may import which, read with TypeScript's own module
 * resolution: the three nodes stand on the rooms below them, the two trigger rooms never import
 * each other, and the bottom rooms import nothing from above.
 */
const ROOT = join(__dirname, '../../../nodes/Benchwork');

/** Room → the rooms it may import from (besides itself). */
const ALLOWED: Record<string, string[]> = {
	'Benchwork.node': ['actions', 'methods'],
	'BenchworkTrigger.node': ['webhookTrigger', 'triggers', 'methods'],
	'BenchworkPollingTrigger.node': ['pollingTrigger', 'triggers', 'methods'],
	actions: ['transport', 'common'],
	webhookTrigger: ['triggers', 'transport', 'common'],
	pollingTrigger: ['triggers', 'transport', 'common'],
	triggers: ['common'],
	methods: ['transport', 'common'],
	transport: ['common'],
	common: [],
};

function sources(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sources(path);
		return path.endsWith('.ts') ? [path] : [];
	});
}

/** A file's room: its top folder under nodes/Benchwork, or the node file itself. */
function roomOf(file: string): string {
	const [first] = relative(ROOT, file).split(sep);
	return first.replace(/\.ts$/, '');
}

const compilerOptions: ts.CompilerOptions = { module: ts.ModuleKind.CommonJS };

/** Every import of every file, resolved to the file it names (external packages left out). */
const edges = sources(ROOT).flatMap((file) =>
	ts
		.preProcessFile(readFileSync(file, 'utf8'), true, true)
		.importedFiles.flatMap(({ fileName }) => {
			if (!fileName.startsWith('.')) return [];
			const resolved = ts.resolveModuleName(fileName, file, compilerOptions, ts.sys).resolvedModule
				?.resolvedFileName;
			return [{ from: file, to: resolved ?? join(dirname(file), fileName) }];
		}),
);

describe('the service folder: which room imports which', () => {
	it('finds every room it has rules for, and no room without rules', () => {
		const rooms = new Set(sources(ROOT).map(roomOf));
		expect([...rooms].sort()).toEqual(Object.keys(ALLOWED).sort());
	});

	it('resolves every relative import to a file of the folder', () => {
		expect(edges.filter(({ to }) => !to.startsWith(ROOT) || !to.endsWith('.ts'))).toEqual([]);
	});

	it('lets each room import only itself and the rooms below it', () => {
		const breaches = edges
			.map(({ from, to }) => ({ from: roomOf(from), to: roomOf(to), file: relative(ROOT, from) }))
			.filter(({ from, to }) => from !== to && !ALLOWED[from]?.includes(to))
			.map(({ file, to }) => `${file} imports ${to}`);
		expect(breaches).toEqual([]);
	});

	it('keeps the two trigger rooms apart: each may replace the other', () => {
		const between = edges.filter(
			({ from, to }) =>
				[roomOf(from), roomOf(to)].sort().join() === 'pollingTrigger,webhookTrigger',
		);
		expect(between).toEqual([]);
	});
});

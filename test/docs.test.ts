/**
 * The docs point at things that exist: the editor's "Docs" links (each node's codex) land on a
 * section of the README, as GitHub renders its headings; every repository path the docs name
 * (nodes/…, test/…, docs/…, a layout tree's entries, a relative link) is in the repository.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { join, posix } from 'path';

const root = join(__dirname, '..');

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function anchorOf(heading: string): string {
	return heading
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{N}\s_-]/gu, '')
		.replace(/\s/g, '-');
}

function codexLinks(): Array<{ file: string; url: string }> {
	const links: Array<{ file: string; url: string }> = [];
	for (const dir of readdirSync(join(root, 'nodes'))) {
		for (const file of readdirSync(join(root, 'nodes', dir)).filter((f) =>
			f.endsWith('.node.json'),
		)) {
			const codex = JSON.parse(readFileSync(join(root, 'nodes', dir, file), 'utf8'));
			for (const list of Object.values(codex.resources ?? {}) as Array<Array<{ url: string }>>) {
				for (const { url } of list) links.push({ file: `${dir}/${file}`, url });
			}
		}
	}
	return links;
}

describe('documentation links in the editor', () => {
	const readme = readFileSync(join(root, 'README.md'), 'utf8');
	const anchors = new Set(
		readme
			.split('\n')
			.filter((line) => /^#{1,6} /.test(line))
			.map((line) => anchorOf(line.replace(/^#+ /, ''))),
	);

	it('every node names its documentation', () => {
		expect(codexLinks().length).toBeGreaterThanOrEqual(4);
	});

	it.each(codexLinks().map((l) => [l.file, l.url]))(
		'%s links %s, a README section',
		(_file, url) => {
			const anchor = new URL(url).hash.slice(1);
			expect(anchor).not.toBe('');
			expect([...anchors]).toContain(anchor);
		},
	);
});

/** The docs whose paths are checked (relative to the repository root). */
function checkedDocs(): string[] {
	const docs = [
		'README.md',
		'CONTRIBUTING.md',
		'BENCHMARKS.md',
		'CHANGELOG.md',
		'test/sandbox/SPEC.md',
	];
	const walk = (dir: string, keep: (name: string) => boolean): void => {
		for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
			const path = `${dir}/${entry.name}`;
			if (entry.isDirectory()) {
				if (!IGNORED_DIRS.has(entry.name) && !isIgnored(path)) walk(path, keep);
			} else if (keep(entry.name)) docs.push(path);
		}
	};
	walk('docs', (name) => name.endsWith('.md'));
	walk('test', (name) => name === 'README.md');
	return docs;
}

const IGNORED_DIRS = new Set(['node_modules', '.work', 'dist']);

/** The .gitignore entries as tests on a repository path: what a fresh checkout does not have. */
const gitignored: RegExp[] = readFileSync(join(root, '.gitignore'), 'utf8')
	.split('\n')
	.map((line) => line.trim())
	.filter((line) => line !== '' && !line.startsWith('#'))
	.map((entry) => {
		const body = entry
			.replace(/\/$/, '')
			.replace(/[.+^${}()|[\]\\]/g, '\\$&')
			.replace(/\*/g, '[^/]*');
		// A bare name ignores it in any folder; a path with a slash from the root.
		return new RegExp(
			entry.replace(/\/$/, '').includes('/') ? `^${body}(/|$)` : `(^|/)${body}(/|$)`,
		);
	});

function isIgnored(path: string): boolean {
	return gitignored.some((re) => re.test(path));
}

const ROOTS = '(?:nodes|credentials|test|demo|scripts|docs|examples|\\.github|\\.ci)/';
/** A repository path in running text: a known top folder, not inside a longer path or a URL. */
const PATH_IN_TEXT = new RegExp(`(?<![\\w./@-])${ROOTS}[^\\s\`'"()\\[\\],;:#]*`, 'g');
const FILE = /\.(ts|js|mjs|json|md|sh|yml|yaml|svg|png)$/;
/** Where a name turns into a pattern: `…`, `*`, `<name>`, `{a,b}`, `a|b`, `$VAR`. */
const PATTERN = /[…*<{|$]/;

/**
 * What a named path claims exists: a file (by its extension), a folder (ends in `/`), or, for a
 * pattern (`nodes/Benchwork/helpers/…`), the folder before it. null = not a path to check.
 */
function claimOf(named: string): string | null {
	let path = named.replace(/[.!?]+$/, '');
	const p = path.search(PATTERN);
	if (p >= 0) path = path.slice(0, path.lastIndexOf('/', p) + 1);
	if (path === '' || path.startsWith('/') || path.includes('//')) return null;
	if (path.endsWith('/') || FILE.test(path)) return path;
	return null;
}

/** A name and the line of the doc that names it. */
interface Named {
	name: string;
	line: number;
}

/** The entries of layout trees in fenced blocks: an indented name continues its parent folder. */
function treePaths(lines: string[]): Named[] {
	const out: Named[] = [];
	let fenced = false;
	let stack: Array<{ indent: number; folder: string }> = [];
	lines.forEach((line, i) => {
		if (/^\s*```/.test(line)) {
			fenced = !fenced;
			stack = [];
			return;
		}
		if (!fenced) return;
		const m = /^( *)(\S+)(?: {2,}|$)/.exec(line);
		if (!m || !/^[\w.][\w.\-/…*<>{},|]*$/.test(m[2]) || !/[/.]/.test(m[2])) return;
		const indent = m[1].length;
		while (stack.length && stack[stack.length - 1].indent >= indent) stack.pop();
		const parent = indent === 0 ? '' : (stack[stack.length - 1]?.folder ?? null);
		if (parent === null) return;
		const path = posix.normalize(parent + m[2].replace(/,$/, ''));
		if (indent > 0) out.push({ name: path, line: i + 1 });
		if (path.endsWith('/')) stack.push({ indent, folder: path });
	});
	return out;
}

/** A recipe's new file ("Create `nodes/…/cancel.operation.ts`", "then add `test/…`") is not there yet. */
const TO_BE_MADE = /\b(create|add)\s*`?$/i;

/** Every repository path a doc names, with the line naming it, resolved from the root. */
function namedPaths(doc: string): Named[] {
	const text = readFileSync(join(root, doc), 'utf8');
	const lines = text.split('\n');
	const lineAt = (index: number) => text.slice(0, index).split('\n').length;
	const named: Named[] = treePaths(lines);
	for (const m of text.matchAll(PATH_IN_TEXT)) {
		if (TO_BE_MADE.test(text.slice(Math.max(0, m.index - 40), m.index))) continue;
		named.push({ name: m[0], line: lineAt(m.index) });
	}
	// Relative Markdown links, e.g. [SPEC.md](SPEC.md) or (../../docs/benchwork-api.md).
	for (const m of text.matchAll(/\]\(([^)\s#]+)(?:#[^)]*)?\)/g)) {
		const target = m[1];
		if (/^[a-z]+:/i.test(target)) continue;
		const name = posix.normalize(posix.join(posix.dirname(doc), target));
		named.push({ name, line: lineAt(m.index) });
	}
	const claims: Named[] = [];
	for (const { name, line } of named) {
		const path = claimOf(name);
		if (path !== null && !isIgnored(path)) claims.push({ name: path, line });
	}
	return claims;
}

function exists(path: string): boolean {
	const full = join(root, path);
	if (!existsSync(full)) return false;
	return path.endsWith('/') ? statSync(full).isDirectory() : true;
}

describe('paths named in the docs', () => {
	it('checks the docs the contributors read', () => {
		expect(checkedDocs()).toEqual(
			expect.arrayContaining(['README.md', 'docs/benchwork-api.md', 'test/sandbox/README.md']),
		);
	});

	it.each(checkedDocs())('%s names only files and folders that exist', (doc) => {
		const named = namedPaths(doc);
		expect(named.length).toBeGreaterThan(0);
		const missing = named
			.filter(({ name }) => !exists(name))
			.map((n) => `line ${n.line}: ${n.name}`);
		expect(missing).toEqual([]);
	});
});

describe('reading paths out of the docs', () => {
	it('a pattern claims the folder before it; a sentence’s full stop is not part of a name', () => {
		expect(claimOf('nodes/Benchwork/helpers/…')).toBe('nodes/Benchwork/helpers/');
		expect(claimOf('test/e2e/cases/<concept>.js')).toBe('test/e2e/cases/');
		expect(claimOf('docs/queue-mode.md.')).toBe('docs/queue-mode.md');
		expect(claimOf('test/e2e/lines/n8n-2')).toBeNull();
	});

	it('a layout tree’s indented entries continue their folder', () => {
		const tree = [
			'```',
			'nodes/Benchwork/',
			'  actions/router.ts   the loop',
			'  transport/',
			'    request.ts',
			'docs/x.md',
			'```',
		];
		expect(treePaths(tree).map((n) => n.name)).toEqual([
			'nodes/Benchwork/actions/router.ts',
			'nodes/Benchwork/transport/',
			'nodes/Benchwork/transport/request.ts',
		]);
	});

	it('finds the entries of the layout in CONTRIBUTING.md', () => {
		const contributing = namedPaths('CONTRIBUTING.md').map((n) => n.name);
		expect(contributing).toEqual(expect.arrayContaining(['nodes/Benchwork/actions/router.ts']));
	});
});

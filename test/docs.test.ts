/**
 * The docs point at things that exist and render as written: every repository path the docs name
 * (nodes/…, test/…, docs/…, a layout tree's entries, a relative link) is in the repository; every
 * Markdown file, parsed as GitHub renders it, keeps its tables whole, its heading levels in order,
 * and its links landing on a file and a heading that exist. (The editor's Docs links are checked
 * with the package: scripts/check-pack.js.)
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { join, posix } from 'path';
import { allTokens, anchorsOf, linksOf, parseMarkdown } from '../scripts/markdown';

const root = join(__dirname, '..');

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

/** Where the render checks read files: the repository on disk, or a sample made in a test. */
interface DocSource {
	/** The text of a repository path, or undefined when it is no file. */
	read(path: string): string | undefined;
	/** Whether a reader on GitHub finds the path (a folder ends in `/`). */
	exists(path: string): boolean;
}

const onDisk: DocSource = {
	read: (path) =>
		exists(path) && !path.endsWith('/') ? readFileSync(join(root, path), 'utf8') : undefined,
	// A git-ignored file may be on this machine, but GitHub never shows it.
	exists: (path) => exists(path) && !isIgnored(path),
};

/** A line that starts and ends with `|` is meant as a table row. */
const TABLE_ROW = /^\s*\|.*\|\s*$/;

/** The elements GitHub's sanitizer keeps; any other tag is dropped, and its name with it. */
const GITHUB_HTML = new Set(
	(
		'h1 h2 h3 h4 h5 h6 br b i strong em a pre code img tt div ins del sup sub p ol ul table ' +
		'thead tbody tfoot blockquote dl dt dd kbd q samp var hr ruby rt rp li tr td th s strike ' +
		'summary details caption figure figcaption abbr bdo cite dfn mark small span time wbr ' +
		'picture source video'
	).split(' '),
);

/** A link's target as a repository path and an anchor; null for another site (or a mail address). */
function resolveLink(doc: string, target: string): { path: string; anchor?: string } | null {
	if (/^[a-z][a-z\d+.-]*:/i.test(target) || target.startsWith('//')) return null;
	const hash = target.indexOf('#');
	const pathPart = (hash < 0 ? target : target.slice(0, hash)).replace(/\?.*$/, '');
	const decode = (s: string) => {
		try {
			return decodeURIComponent(s);
		} catch {
			return s;
		}
	};
	const anchor = hash < 0 ? undefined : decode(target.slice(hash + 1));
	if (pathPart === '') return { path: doc, anchor };
	const path = decode(pathPart);
	// GitHub resolves `/…` from the repository's root, anything else from the doc's folder.
	return {
		path: posix.normalize(
			path.startsWith('/') ? path.slice(1) : posix.join(posix.dirname(doc), path),
		),
		anchor,
	};
}

/**
 * What a reader of `doc` on GitHub would trip over, each as `doc:line: what`: a table row that
 * renders as text (a paragraph or blank line broke its table), a heading level skipped, a
 * tag GitHub drops, a relative link to a file that is not there, an anchor no heading makes.
 */
function renderProblems(doc: string, source: DocSource): string[] {
	const text = source.read(doc) ?? '';
	const tokens = parseMarkdown(text);
	const problems: string[] = [];
	const at = (line: number, what: string) => problems.push(`${doc}:${line}: ${what}`);

	const rendered = new Set<number>(); // lines a table, a code block or raw HTML shows as written
	for (const t of tokens)
		if (t.map && /^(table_open|fence|code_block|html_block)$/.test(t.type))
			for (let l = t.map[0]; l < t.map[1]; l++) rendered.add(l);
	text.split('\n').forEach((line, i) => {
		if (TABLE_ROW.test(line) && !rendered.has(i))
			at(
				i + 1,
				`"${line.trim().slice(0, 40)}" is meant as a table row but renders as text: nothing may stand between a table's rows, and a row needs the header and |---| line above it`,
			);
	});

	let level = 0;
	for (const t of tokens) {
		if (t.type !== 'heading_open') continue;
		const next = Number(t.tag.slice(1));
		if (next > level + 1)
			at(
				t.map![0] + 1,
				`an h${next} after ${level ? `an h${level}` : 'no heading'}: h${level + 1} is skipped`,
			);
		level = next;
	}

	let line = 0;
	for (const t of allTokens(tokens)) {
		if (t.map) line = t.map[0];
		if (t.type !== 'html_inline' && t.type !== 'html_block') continue;
		for (const [tag, name] of t.content.matchAll(/<\/?([a-z][a-z\d-]*)[^>]*>/gi))
			if (!GITHUB_HTML.has(name.toLowerCase()))
				at(line + 1, `${tag} is read as an HTML tag, which GitHub drops: put it in \`code\``);
	}

	const anchorsIn = new Map<string, Set<string>>();
	const anchorsOfDoc = (path: string) => {
		if (!anchorsIn.has(path))
			anchorsIn.set(path, anchorsOf(parseMarkdown(source.read(path) ?? '')));
		return anchorsIn.get(path)!;
	};
	for (const { target, line: linkLine } of linksOf(tokens)) {
		const link = resolveLink(doc, target);
		if (!link) continue;
		if (link.path.startsWith('../') || link.path === '..')
			at(linkLine, `${target} points outside the repository`);
		else if (!source.exists(link.path))
			at(linkLine, `${target}: ${link.path} is not in the repository`);
		else if (
			link.anchor !== undefined &&
			link.path.endsWith('.md') &&
			!anchorsOfDoc(link.path).has(link.anchor)
		)
			at(linkLine, `${target}: ${link.path} has no heading or anchor "#${link.anchor}"`);
	}
	return problems;
}

/** Every Markdown file the repository ships or shows (git-ignored ones are neither). */
function markdownDocs(): string[] {
	const docs: string[] = [];
	const walk = (dir: string): void => {
		for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
			const path = dir ? `${dir}/${entry.name}` : entry.name;
			if (entry.name === '.git' || IGNORED_DIRS.has(entry.name) || isIgnored(path)) continue;
			if (entry.isDirectory()) walk(path);
			else if (entry.name.endsWith('.md')) docs.push(path);
		}
	};
	walk('');
	return docs.sort();
}

describe('the docs render on GitHub as written', () => {
	it('reads every Markdown file of the repository, and the links in them', () => {
		expect(markdownDocs()).toEqual(
			expect.arrayContaining([
				'BENCHMARKS.md',
				'CHANGELOG.md',
				'CONTRIBUTING.md',
				'README.md',
				'docs/queue-mode.md',
				'test/e2e/README.md',
				'test/sandbox/README.md',
			]),
		);
		const readmeLinks = linksOf(parseMarkdown(readFileSync(join(root, 'README.md'), 'utf8')));
		expect(readmeLinks.map((l) => l.target)).toEqual(
			expect.arrayContaining(['#which-trigger', 'BENCHMARKS.md#answer-size', 'examples/']),
		);
	});

	it.each(markdownDocs())('%s: tables whole, heading levels in order, links landing', (doc) => {
		expect(renderProblems(doc, onDisk)).toEqual([]);
	});
});

describe('what the render check catches', () => {
	/** A repository of sample files, held in memory. */
	const samples = (files: Record<string, string>): DocSource => ({
		read: (path) => files[path],
		exists: (path) =>
			path in files || Object.keys(files).some((f) => path.endsWith('/') && f.startsWith(path)),
	});
	const check = (text: string, others: Record<string, string> = {}) =>
		renderProblems('doc.md', samples({ 'doc.md': text, ...others }));

	it('a table row after a paragraph that broke the table (the Operations table once)', () => {
		const broken = [
			'# Operations',
			'',
			'| Resource | Operation |',
			'|---|---|',
			'| Workflow | Get |',
			'',
			'**Simplify** keeps what a person reads.',
			'| Execution | Get |',
		].join('\n');
		expect(check(broken)).toEqual([
			expect.stringMatching(
				/^doc\.md:8: "\| Execution \| Get \|" is meant as a table row but renders as text/,
			),
		]);
	});

	it('a heading level skipped, also as the first heading', () => {
		expect(check('# Title\n\n## Part\n\n#### Detail\n\n## Next\n')).toEqual([
			'doc.md:5: an h4 after an h2: h3 is skipped',
		]);
		expect(check('## Part\n')).toEqual(['doc.md:1: an h2 after no heading: h1 is skipped']);
	});

	it('an anchor no heading makes, in this file or another, by GitHub’s slug rules', () => {
		const doc = [
			'# Guide',
			'',
			'## Which trigger?',
			'',
			'## Setup',
			'',
			'## Setup',
			'',
			'See [which](#which-trigger), [the second setup](#setup-1), [a third](#setup-2),',
			'[there](other.md#present) and [not there](other.md#absent).',
		].join('\n');
		expect(check(doc, { 'other.md': '# Present\n' })).toEqual([
			'doc.md:9: #setup-2: doc.md has no heading or anchor "#setup-2"',
			'doc.md:10: other.md#absent: other.md has no heading or anchor "#absent"',
		]);
	});

	it('a relative link or image to a file that is not there, also from a table cell', () => {
		const doc = [
			'# Files',
			'',
			'![shot](images/missing.png) and [the API](docs/api.md) and [outside](../elsewhere.md).',
			'',
			'| File |',
			'|---|',
			'| [kept](examples/) |',
			'| [gone](examples/gone.json) |',
		].join('\n');
		expect(check(doc, { 'docs/api.md': '# API\n', 'examples/a.json': '{}' })).toEqual([
			'doc.md:3: images/missing.png: images/missing.png is not in the repository',
			'doc.md:3: ../elsewhere.md points outside the repository',
			'doc.md:8: examples/gone.json: examples/gone.json is not in the repository',
		]);
	});

	it('a placeholder in angle brackets, which GitHub drops as a tag', () => {
		expect(
			check('# Keys (Bearer <key>)\n\nSends `<key>` and <kbd>Ctrl</kbd>.\n\n<node id="x">\n'),
		).toEqual([
			'doc.md:1: <key> is read as an HTML tag, which GitHub drops: put it in `code`',
			'doc.md:5: <node id="x"> is read as an HTML tag, which GitHub drops: put it in `code`',
		]);
	});

	it('passes what renders: whole tables, pipes in code, a deeper heading closed back, external links', () => {
		const doc = [
			'# Title',
			'',
			'## Part',
			'',
			'### Detail',
			'',
			'## Next',
			'',
			'| A | B |',
			'|---|---|',
			'| `a|b` | [b](#part) |',
			'',
			'```',
			'| not | a table |',
			'```',
			'',
			'[site](https://example.com/x.md#nowhere), <https://example.com>, [mail](mailto:a@b.c).',
		].join('\n');
		expect(check(doc)).toEqual([]);
	});
});

describe('GitHub’s anchors for headings', () => {
	it('lower case, punctuation and symbols dropped, spaces to hyphens, code kept', () => {
		const anchors = anchorsOf(
			parseMarkdown(
				[
					'# n8n-nodes-benchwork',
					'## Which trigger?',
					'## 0.1.0 - not yet published',
					'## Keys (Authorization: Bearer `<key>`)',
					'## Workflow → Trigger: *wait* for_it',
					'## <a name="custom"></a>Named',
				].join('\n\n'),
			),
		);
		expect([...anchors]).toEqual([
			'n8n-nodes-benchwork',
			'which-trigger',
			'010---not-yet-published',
			'keys-authorization-bearer-key',
			'workflow--trigger-wait-for_it',
			'named',
			'custom',
		]);
	});
});

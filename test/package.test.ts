/**
 * What `npm pack` ships is what n8n installs: only the built package, its README and metadata,
 * with every file the `n8n` block names actually inside, and Docs links that open a section of
 * the README on the package's repository. (`npm test` builds first.)
 */
import { execFileSync, spawnSync } from 'child_process';
import {
	copyFileSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'fs';
import { tmpdir } from 'os';
import { dirname, join, sep } from 'path';
import { parseMarkdown } from '../scripts/markdown';

const root = join(__dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

function packedFiles(): string[] {
	const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
		cwd: root,
		encoding: 'utf8',
	});
	return (JSON.parse(out)[0].files as Array<{ path: string }>).map((f) => f.path).sort();
}

type Built = new () => { description?: { icon?: unknown }; icon?: unknown };

/** The images the built nodes and credentials name as their icons (`file:` paths), packed paths. */
function namedIcons(): string[] {
	const icons = new Set<string>();
	for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials] as string[]) {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const exported = require(join(root, file)) as Record<string, Built>;
		for (const Type of Object.values(exported)) {
			const instance = new Type();
			const icon = instance.description?.icon ?? instance.icon;
			for (const ref of typeof icon === 'string' ? [icon] : Object.values(icon ?? {}))
				if (typeof ref === 'string' && ref.startsWith('file:'))
					icons.add(join(dirname(file), ref.slice('file:'.length)));
		}
	}
	return [...icons].sort();
}

describe('the published package', () => {
	const files = packedFiles();

	it('holds only dist/, the README, the licence and package.json', () => {
		const stray = files.filter(
			(f) => !/^(dist\/.+|README\.md|LICENSE(\.md)?|package\.json)$/.test(f),
		);
		expect(stray).toEqual([]);
	});

	it('contains every node and credential the n8n block registers, with icons and codex', () => {
		const registered = [...pkg.n8n.nodes, ...pkg.n8n.credentials] as string[];
		for (const path of registered) expect(files).toContain(path);
		for (const icon of [
			'dist/credentials/benchwork.svg',
			'dist/credentials/benchwork.dark.svg',
			'dist/nodes/Benchwork/benchwork.svg',
			'dist/nodes/Benchwork/benchwork.dark.svg',
			'dist/nodes/Benchwork/Benchwork.node.json',
			'dist/nodes/Benchwork/BenchworkTrigger.node.json',
			'dist/nodes/Benchwork/BenchworkPollingTrigger.node.json',
		]) {
			expect(files).toContain(icon);
		}
	});

	it('ships no image but the icons its nodes and credentials name', () => {
		// n8n-node build copies every .png/.svg of the checkout into dist/ (docs, test fixtures):
		// package.json's `files` keeps them out of the package.
		expect(files.filter((f) => /\.(png|svg)$/i.test(f))).toEqual(namedIcons());
	});

	it('ships no tests, sources or maps of tests', () => {
		expect(
			files.filter((f) => /(\.test\.|\/test\/|\.ts$)/.test(f) && !f.endsWith('.d.ts')),
		).toEqual([]);
	});

	it('ships no source maps: they would point at .ts sources the package does not hold', () => {
		expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
	});

	it('declares no runtime dependencies and n8n-workflow as its only peer', () => {
		expect(pkg.dependencies ?? {}).toEqual({});
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(
			Object.keys(pkg.scripts).filter((s) => /^(pre|post)?install$|^prepare$|^prepublish$/.test(s)),
		).toEqual([]);
	});

	it('loads in plain Node without anything but n8n-workflow', () => {
		expect(existsSync(join(root, pkg.n8n.nodes[0]))).toBe(true);
		const script = pkg.n8n.nodes
			.concat(pkg.n8n.credentials)
			.map((p: string) => `require(${JSON.stringify(join(root, p))});`)
			.join('');
		execFileSync(process.execPath, ['-e', script], { cwd: root });
	});

	it('cannot be published unbuilt: the pack check refuses a package without dist/', () => {
		const unbuilt = mkdtempSync(join(tmpdir(), 'benchwork-unbuilt-'));
		try {
			for (const file of ['package.json', 'README.md', 'LICENSE.md'])
				copyFileSync(join(root, file), join(unbuilt, file));
			const check = spawnSync(process.execPath, [join(root, 'scripts', 'check-pack.js'), unbuilt], {
				encoding: 'utf8',
			});
			expect(check.status).toBe(1);
			expect(check.stderr).toMatch(/no dist\/ in the package: run `npm run build` first/);
		} finally {
			rmSync(unbuilt, { recursive: true, force: true });
		}
	});

	it('ships each codex of nodes/ beside a node the n8n block registers (n8n reads `${node}on`)', () => {
		const codexes = (readdirSync(join(root, 'nodes'), { recursive: true }) as string[])
			.map((f) => `nodes/${f.split(sep).join('/')}`)
			.filter((f) => f.endsWith('.node.json'));
		expect(codexes.length).toBeGreaterThanOrEqual(pkg.n8n.nodes.length);
		const registeredCodexes = (pkg.n8n.nodes as string[]).map((node) => `${node}on`);
		expect(codexes.map((f) => `dist/${f}`).sort()).toEqual(registeredCodexes.sort());
		for (const codex of registeredCodexes) expect(files).toContain(codex);
	});

	it('refuses Docs links the editor would show wrong: another site, another repository, a missing README section, a node without codex', () => {
		const repo = 'https://github.com/benchwork/n8n-nodes-benchwork';
		const made = mkdtempSync(join(tmpdir(), 'benchwork-docs-links-'));
		const write = (file: string, text: string) => {
			mkdirSync(dirname(join(made, file)), { recursive: true });
			writeFileSync(join(made, file), text);
		};
		try {
			write(
				'package.json',
				JSON.stringify({
					name: 'n8n-nodes-sample',
					version: '0.1.0',
					files: ['dist'],
					repository: { type: 'git', url: `${repo}.git` },
					n8n: {
						nodes: ['dist/nodes/A/A.node.js', 'dist/nodes/B/B.node.js'],
						credentials: ['dist/credentials/C.credentials.js'],
					},
				}),
			);
			write('README.md', '# Sample\n\n## Operations\n\n## Credentials\n');
			write('dist/nodes/A/A.node.js', '');
			write(
				'dist/nodes/A/A.node.json',
				JSON.stringify({
					resources: {
						primaryDocumentation: [{ url: 'https://github.com/acme/n8n-nodes-sample#operations' }],
						credentialDocumentation: [{ url: `${repo}#credential` }],
					},
				}),
			);
			write('dist/nodes/B/B.node.js', '');
			write(
				'dist/credentials/C.credentials.js',
				"exports.C = class { documentationUrl = 'https://benchwork.app/docs/api'; };",
			);
			const check = spawnSync(process.execPath, [join(root, 'scripts', 'check-pack.js'), made], {
				encoding: 'utf8',
			});
			expect(check.status).toBe(1);
			expect(check.stderr.trim().split('\n').slice(1)).toEqual([
				'  - dist/nodes/B/B.node.json is not in the package: the editor shows no Docs link for dist/nodes/B/B.node.js',
				`  - dist/nodes/A/A.node.json resources.primaryDocumentation is https://github.com/acme/n8n-nodes-sample#operations, not a section of this package's README: ${repo}#…`,
				`  - dist/nodes/A/A.node.json resources.credentialDocumentation is ${repo}#credential, but no heading of README.md makes #credential`,
				`  - dist/credentials/C.credentials.js C.documentationUrl is https://benchwork.app/docs/api, not a section of this package's README: ${repo}#…`,
			]);
		} finally {
			rmSync(made, { recursive: true, force: true });
		}
	});

	it('passes the pack check the publish workflow runs, once built', () => {
		const check = spawnSync(process.execPath, [join(root, 'scripts', 'check-pack.js')], {
			cwd: root,
			encoding: 'utf8',
		});
		expect(check.stderr).toBe('');
		expect(check.status).toBe(0);
	});

	describe('the release check the publish workflow runs first', () => {
		const checkRelease = (manifest: object, env: Record<string, string>) => {
			const dir = mkdtempSync(join(tmpdir(), 'benchwork-release-'));
			try {
				writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest));
				return spawnSync(process.execPath, [join(root, 'scripts', 'check-release.js'), dir], {
					encoding: 'utf8',
					env: { PATH: process.env.PATH ?? '', ...env },
				});
			} finally {
				rmSync(dir, { recursive: true, force: true });
			}
		};
		const here = { GITHUB_REPOSITORY: 'benchwork/n8n-nodes-benchwork', GITHUB_REF_NAME: 'v0.1.0' };
		const ready = { ...pkg, author: { ...pkg.author, email: 'maintainers@benchwork.test' } };

		it('refuses the placeholder author e-mail this repository still has', () => {
			const check = checkRelease(pkg, here);
			expect(check.status).toBe(1);
			expect(check.stderr).toMatch(/author\.email is still the placeholder .*@example\.com/);
		});

		it('refuses a repository other than the one the workflow runs in, naming the fix', () => {
			const check = checkRelease(ready, { ...here, GITHUB_REPOSITORY: 'acme/n8n-nodes-benchwork' });
			expect(check.status).toBe(1);
			expect(check.stderr).toContain(
				'npm pkg set repository.url=https://github.com/acme/n8n-nodes-benchwork.git',
			);
		});

		it('refuses a tag that is not the package version', () => {
			const check = checkRelease(ready, { ...here, GITHUB_REF_NAME: 'v9.9.9' });
			expect(check.status).toBe(1);
			expect(check.stderr).toMatch(/the tag is v9\.9\.9 but package\.json says version 0\.1\.0/);
		});

		it("passes once the e-mail is real: homepage and bugs follow this package's repository", () => {
			const check = checkRelease(ready, here);
			expect(check.stderr).toBe('');
			expect(check.status).toBe(0);
			expect(pkg.homepage).toBe(`${pkg.repository.url.replace(/\.git$/, '')}#readme`);
		});
	});
});

/**
 * What CHANGELOG.md's version sections say against package.json's version: each `## X.Y.Z - date`
 * (or `- not yet published`), newest first starting at this version, and an `## Unreleased`
 * section only above a version that was published (else its entries belong to that version).
 */
function changelogProblems(text: string, version: string): string[] {
	const tokens = parseMarkdown(text);
	const sections = tokens
		.map((t, i) => (t.type === 'heading_open' && t.tag === 'h2' ? tokens[i + 1].content : null))
		.filter((h): h is string => h !== null);
	const problems: string[] = [];
	const versions = sections.filter((h) => h !== 'Unreleased');
	for (const h of versions)
		if (!/^\d+\.\d+\.\d+ - (\d{4}-\d{2}-\d{2}|not yet published)$/.test(h))
			problems.push(
				`"## ${h}" is neither "Unreleased" nor "X.Y.Z - YYYY-MM-DD" (or "- not yet published")`,
			);
	if (!versions[0]?.startsWith(`${version} - `))
		problems.push(`the newest version section is "${versions[0]}", not package.json's ${version}`);
	if (versions.slice(1).some((h) => h.endsWith('not yet published')))
		problems.push('only the newest version can be not yet published');
	if (sections.indexOf('Unreleased') > 0) problems.push('"## Unreleased" stands below a version');
	if (sections[0] === 'Unreleased' && versions[0]?.endsWith('not yet published'))
		problems.push(`"## Unreleased" stands above ${versions[0]}: its entries are that version's`);
	return problems;
}

describe('the changelog', () => {
	it('has one section for this version, the newest, and no Unreleased above an unpublished one', () => {
		expect(
			changelogProblems(readFileSync(join(root, 'CHANGELOG.md'), 'utf8'), pkg.version),
		).toEqual([]);
	});

	it('refuses an Unreleased section above an unpublished version, and a version that is not the package’s', () => {
		const before =
			'# Changelog\n\n## Unreleased\n\n### Added\n- x\n\n## 0.1.0 - not yet published\n\n- y\n';
		expect(changelogProblems(before, '0.1.0')).toEqual([
			'"## Unreleased" stands above 0.1.0 - not yet published: its entries are that version\'s',
		]);
		expect(changelogProblems('## 0.1.0 - 2026-01-02\n', '0.2.0')).toEqual([
			'the newest version section is "0.1.0 - 2026-01-02", not package.json\'s 0.2.0',
		]);
		expect(changelogProblems('## Unreleased\n\n## 0.1.0 - 2026-01-02\n', '0.1.0')).toEqual([]);
	});
});

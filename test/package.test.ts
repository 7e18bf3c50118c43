/**
 * What `npm pack` ships is what n8n installs: only the built package, its README and metadata,
 * with every file the `n8n` block names actually inside. (`npm test` builds first.)
 */
import { execFileSync, spawnSync } from 'child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

const root = join(__dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

function packedFiles(): string[] {
	const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
		cwd: root,
		encoding: 'utf8',
	});
	return (JSON.parse(out)[0].files as Array<{ path: string }>).map((f) => f.path).sort();
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

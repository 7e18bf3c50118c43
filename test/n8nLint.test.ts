/**
 * `npm run lint` (n8n-node lint, with this repository's eslint.config.mjs) holds the package's code
 * to n8n's own default lint config, unmodified: every file under nodes/ and credentials/, and
 * package.json, gets exactly the rules, plugins and parser that config gives it, as `n8n-node
 * lint` in strict mode would apply them. The rest of the repository gets ours (CONTRIBUTING).
 */
import { spawnSync } from 'child_process';
import { join } from 'path';

const root = join(__dirname, '..');

/**
 * What ESLint resolves for each file, once with eslint.config.mjs and once with @n8n/node-cli's
 * default config alone. ESLint loads configs with import(), which jest's module system does not
 * offer: a plain Node process does the resolving.
 */
const RESOLVE = `
import { ESLint } from 'eslint';
import { config as n8nDefault } from '@n8n/node-cli/eslint';
import { readdirSync } from 'fs';
const sources = (dir) =>
	readdirSync(dir, { recursive: true }).filter((f) => f.endsWith('.ts')).map((f) => dir + '/' + f);
const files = [...sources('nodes'), ...sources('credentials'), 'package.json'];
const ours = new ESLint({ cwd: process.cwd() });
const n8n = new ESLint({ cwd: process.cwd(), overrideConfigFile: true, overrideConfig: n8nDefault });
const shape = (c) => JSON.stringify(c && {
	rules: c.rules,
	plugins: Object.keys(c.plugins ?? {}).sort(),
	parser: c.languageOptions?.parser?.meta?.name ?? null,
	settings: Object.keys(c.settings ?? {}).sort(),
});
const differing = [];
for (const file of files) {
	const [a, b] = await Promise.all([ours, n8n].map((e) => e.calculateConfigForFile(file)));
	if (shape(a) !== shape(b)) differing.push(file);
}
const nodeFile = files.find((f) => f.endsWith('.node.ts'));
const { rules } = await ours.calculateConfigForFile(nodeFile);
console.log(JSON.stringify({ files, differing, nodeFile, nodeRules: rules }));
`;

type Resolved = {
	files: string[];
	differing: string[];
	nodeFile: string;
	nodeRules: Record<string, unknown>;
};

describe("n8n's default lint config on the package's code", () => {
	let resolved: Resolved;
	beforeAll(() => {
		const run = spawnSync(process.execPath, ['--input-type=module', '-e', RESOLVE], {
			cwd: root,
			encoding: 'utf8',
		});
		expect(run.stderr).toBe('');
		resolved = JSON.parse(run.stdout) as Resolved;
	}, 60000);

	it('covers every node and credential source and package.json', () => {
		expect(resolved.files).toContain('package.json');
		expect(resolved.files.some((f) => f.startsWith('credentials/'))).toBe(true);
		expect(resolved.nodeFile).toMatch(/^nodes\/.+\.node\.ts$/);
	});

	it('applies to each of them exactly what n8n-node lint in strict mode applies', () => {
		expect(resolved.differing).toEqual([]);
		// n8n's community-node rules, with the n8n Cloud restrictions, are among them.
		expect(resolved.nodeRules).toMatchObject({
			'@n8n/community-nodes/no-restricted-imports': [2],
			'@n8n/community-nodes/no-restricted-globals': [2],
		});
	});
});

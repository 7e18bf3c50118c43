// `n8n-node lint` runs `eslint .` with this file. Two parts:
//   - the package (nodes/, credentials/, package.json): n8n's own default config from
//     @n8n/node-cli, unmodified, so these files meet exactly what `n8n-node lint` checks in
//     strict mode (n8n's community-node rules with their n8n Cloud restrictions,
//     eslint-plugin-n8n-nodes-base, import-x);
//   - everything else (tests, the sandbox, the suites, demo, scripts): ours. n8n's Cloud rules
//     are for code that runs inside n8n; the tests and tools spawn processes, open servers, read
//     files and hold fake secrets on purpose.
// Strict mode would apply n8n's config to every .ts file, tests included: package.json says
// `"strict": false` for that reason (README, Compatibility).
import eslint from '@eslint/js';
import { config as n8nNodeConfig } from '@n8n/node-cli/eslint';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const PACKAGE_CODE = ['nodes/**/*.ts', 'credentials/**/*.ts'];

export default defineConfig(
	{
		ignores: [
			'dist/**',
			'node_modules/**',
			'coverage/**',
			'test/e2e/.work/**',
			'test/e2e/lines/**',
			'test/queue/.work/**',
			'.demo/**',
		],
	},
	{
		files: [...PACKAGE_CODE, 'package.json'],
		extends: [n8nNodeConfig],
	},
	{
		files: ['**/*.ts'],
		ignores: PACKAGE_CODE,
		extends: [eslint.configs.recommended, tseslint.configs.recommended],
	},
	{
		files: ['**/*.js', '**/*.cjs'],
		extends: [eslint.configs.recommended],
		languageOptions: {
			sourceType: 'commonjs',
			globals: {
				require: 'readonly',
				module: 'writable',
				process: 'readonly',
				console: 'readonly',
				__dirname: 'readonly',
				Buffer: 'readonly',
				setTimeout: 'readonly',
				clearTimeout: 'readonly',
				setInterval: 'readonly',
				clearInterval: 'readonly',
				URL: 'readonly',
				fetch: 'readonly',
				AbortController: 'readonly',
				AbortSignal: 'readonly',
				setImmediate: 'readonly',
				describe: 'readonly',
				it: 'readonly',
				test: 'readonly',
				expect: 'readonly',
				beforeAll: 'readonly',
				afterAll: 'readonly',
				beforeEach: 'readonly',
				afterEach: 'readonly',
				jest: 'readonly',
				TextEncoder: 'readonly',
				TextDecoder: 'readonly',
			},
		},
	},
);

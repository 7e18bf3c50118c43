/**
 * The editor's "Docs" links (each node's codex) land on a section of the README that exists,
 * as GitHub renders its headings.
 */
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';

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

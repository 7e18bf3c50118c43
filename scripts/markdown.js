'use strict';
// Markdown read the way GitHub renders it (CommonMark with GFM tables, parsed by markdown-it):
// its blocks with their lines, the anchors its headings get and the links it holds. Used by the
// docs test (test/docs.test.ts) and by the pack check (the editor's Docs links must land on a
// section of the README).
const MarkdownIt = require('markdown-it');

/** GitHub renders raw HTML (what its sanitizer keeps), so HTML is parsed as HTML, not as text. */
const parser = new MarkdownIt({ html: true });

/** The block tokens of a Markdown text; a block's `map` is its [first, end) lines, counted from 0. */
function parseMarkdown(text) {
	return parser.parse(text, {});
}

/** A heading's text as GitHub reads it for the anchor: text and code spans, no markup or tags. */
function headingText(inline) {
	return inline.children
		.filter((t) => t.type === 'text' || t.type === 'code_inline')
		.map((t) => t.content)
		.join('');
}

/** github-slugger's rule: lower case, all but letters, digits, `_`, `-` and spaces dropped, each space a `-`. */
function slugOf(text) {
	return text
		.toLowerCase()
		.replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
		.replace(/ /g, '-');
}

/** `<a id="…">` or `<a name="…">` in raw HTML: GitHub links `#…` to it as well. */
const HTML_ANCHOR = /<a\s[^>]*?\b(?:id|name)\s*=\s*["']([^"']+)["']/gi;

/** Each token and, inside an inline token, each of its children, in document order. */
function* allTokens(tokens) {
	for (const token of tokens) {
		yield token;
		if (token.children) yield* token.children;
	}
}

/**
 * The anchors `#…` that land in a document on GitHub: each heading's slug (a repeated one gets
 * `-1`, `-2`, …, as github-slugger numbers them) and the ids of HTML anchors.
 */
function anchorsOf(tokens) {
	const slugs = new Set();
	const repeats = new Map();
	const anchors = new Set();
	tokens.forEach((token, i) => {
		if (token.type !== 'heading_open') return;
		const base = slugOf(headingText(tokens[i + 1]));
		let slug = base;
		while (slugs.has(slug)) {
			repeats.set(base, (repeats.get(base) || 0) + 1);
			slug = `${base}-${repeats.get(base)}`;
		}
		slugs.add(slug);
		anchors.add(slug);
	});
	for (const token of allTokens(tokens))
		if (token.type === 'html_block' || token.type === 'html_inline')
			for (const m of token.content.matchAll(HTML_ANCHOR)) anchors.add(m[1]);
	return anchors;
}

/** `href`/`src` values in raw HTML. */
const HTML_LINK = /\b(?:href|src)\s*=\s*["']([^"']*)["']/gi;

/**
 * Every link and image target of a document with its line (from 1): Markdown links, reference
 * links, autolinks, images, and `href`/`src` in raw HTML. A table cell has no line of its own in
 * markdown-it: its row's line stands for it.
 */
function linksOf(tokens) {
	const links = [];
	let blockLine = 0;
	for (const token of tokens) {
		if (token.map) blockLine = token.map[0];
		if (token.type === 'html_block')
			for (const m of token.content.matchAll(HTML_LINK))
				links.push({ target: m[1], line: blockLine + 1 });
		if (token.type !== 'inline') continue;
		let line = blockLine;
		for (const child of token.children) {
			if (child.type === 'softbreak' || child.type === 'hardbreak') line++;
			else if (child.type === 'link_open')
				links.push({ target: child.attrGet('href'), line: line + 1 });
			else if (child.type === 'image') links.push({ target: child.attrGet('src'), line: line + 1 });
			else if (child.type === 'html_inline')
				for (const m of child.content.matchAll(HTML_LINK))
					links.push({ target: m[1], line: line + 1 });
		}
	}
	return links;
}

module.exports = { parseMarkdown, anchorsOf, linksOf, allTokens, slugOf };

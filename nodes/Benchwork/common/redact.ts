/**
 * Redaction: what replaces the API key (or anything shaped like a credential) wherever the nodes
 * put text or data in front of a user, a log or a model. Pure: no I/O, never throws.
 *
 * A literal match is not enough: a hostile or broken server can echo the key in another letter
 * case, split by invisible characters, in full-width or look-alike letters, or %- / \u-escaped.
 * Each key is therefore matched character by character with every such spelling allowed.
 */

export const REDACTED = '[redacted]';

/** A secret shorter than this is never matched (it would match ordinary words). */
const MIN_SECRET_LENGTH = 4;
/** Nesting deeper than this is replaced, not walked: a cycle or a hostile body cannot blow the stack. */
const MAX_DEPTH = 64;
const TOO_DEEP = '[redacted: nested too deeply]';
const CIRCULAR = '[circular]';

/**
 * Characters that render as nothing (format characters, joiners, variation selectors, fillers):
 * inserted between a key's letters they defeat a literal match but not a reader.
 */
const INVISIBLE = '[\\p{Cf}\\u034F\\u115F\\u1160\\u17B4\\u17B5\\u3164\\uFFA0\\uFE00-\\uFE0F]';
const GAP = `${INVISIBLE}*`;
// The class lists combining marks on purpose: each one alone is what is being removed.
// eslint-disable-next-line no-misleading-character-class
const INVISIBLE_ALL = new RegExp(INVISIBLE, 'gu');

/** Latin letters and their Cyrillic/Greek look-alikes (lower case; the `i` flag covers upper). */
const LOOKALIKES: Record<string, string> = {
	a: '\u0430\u03B1',
	b: '\u0432\u0184',
	c: '\u0441\u03F2',
	e: '\u0435\u03B5',
	h: '\u04BB',
	i: '\u0456\u03B9',
	j: '\u0458',
	k: '\u043A\u03BA',
	m: '\u043C',
	n: '\u03B7',
	o: '\u043E\u03BF',
	p: '\u0440\u03C1',
	s: '\u0455',
	t: '\u0442\u03C4',
	x: '\u0445\u03C7',
	y: '\u0443\u03B3',
};

function escapeClassChar(char: string): string {
	return /[\\\]^-]/.test(char) ? `\\${char}` : char;
}

/** Every way one character of a key can be written so that a reader still sees that character. */
function spellings(char: string): string {
	const lower = char.toLowerCase();
	const upper = char.toUpperCase();
	const literal = new Set([char, lower, upper]);
	for (const variant of [lower, upper]) {
		const code = variant.charCodeAt(0);
		// Full-width forms U+FF01..U+FF5E mirror ASCII 0x21..0x7E.
		if (variant.length === 1 && code >= 0x21 && code <= 0x7e)
			literal.add(String.fromCharCode(code + 0xfee0));
	}
	for (const lookalike of LOOKALIKES[lower] ?? '') literal.add(lookalike);
	const alternatives = [`[${[...literal].map(escapeClassChar).join('')}]`];
	const code = char.codePointAt(0) ?? 0;
	if (code < 0x100) {
		const hex = code.toString(16).padStart(2, '0');
		alternatives.push(`%${hex}`, `\\\\u00${hex}`, `\\\\x${hex}`, `&#x0*${hex};`, `&#0*${code};`);
	}
	return alternatives.length === 1 ? alternatives[0] : `(?:${alternatives.join('|')})`;
}

/** A regex source matching `secret` in any of the spellings above, invisible characters allowed between. */
function secretPattern(secret: string): string {
	return [...secret].map(spellings).join(GAP);
}

/** `word` case-insensitively with invisible characters allowed between its letters. */
function spaced(word: string): string {
	return [...word].map((char) => escapeClassChar(char)).join(GAP);
}

/**
 * Anything shaped like a credential, whoever's it is: Benchwork keys (`bw_live_…`, `bw_test_…`),
 * and the token after an HTTP auth scheme (`Bearer …`, `Basic …`), with the scheme kept.
 */
const KEY_BODY = `[a-z0-9](?:${GAP}[a-z0-9_-]){3,}`;
const BENCHWORK_KEY = `(?<![a-z0-9])${spaced('bw_')}${GAP}[a-z](?:${GAP}[a-z]){1,9}${GAP}_${GAP}${KEY_BODY}`;
const AUTH_SCHEME = `(?<scheme>(?<![a-z0-9])(?:${spaced('bearer')}|${spaced('basic')})[\\s${INVISIBLE.slice(1, -1)}]+)(?<token>[^\\s"'\`,;<>()\\[\\]{}]+)`;

const patternCache = new Map<string, RegExp>();

/** The one pattern for `secrets` (built once per set of secrets, then reused). */
function patternFor(secrets: readonly string[]): RegExp {
	const usable = [
		...new Set(
			secrets
				.filter((secret): secret is string => typeof secret === 'string')
				.map((secret) => secret.replace(INVISIBLE_ALL, '').trim())
				.filter((secret) => secret.length >= MIN_SECRET_LENGTH),
		),
	]
		// Longest first, so a key that contains another key is replaced whole.
		.sort((a, b) => b.length - a.length);
	const cacheKey = usable.join('\u0000');
	let pattern = patternCache.get(cacheKey);
	if (!pattern) {
		const sources = [AUTH_SCHEME, ...usable.map(secretPattern), BENCHWORK_KEY];
		pattern = new RegExp(sources.join('|'), 'giu');
		if (patternCache.size >= 16) patternCache.clear();
		patternCache.set(cacheKey, pattern);
	}
	return pattern;
}

function replaceMatch(...args: unknown[]): string {
	const groups = args[args.length - 1] as { scheme?: string } | undefined;
	return groups?.scheme ? `${groups.scheme}${REDACTED}` : REDACTED;
}

/**
 * `text` redacted with a pattern from patternFor. A test first: most text holds nothing to
 * replace, and a test costs a third of a replace that finds nothing (no new string, no callback).
 */
function redactWith(pattern: RegExp, text: string): string {
	if (typeof text !== 'string' || text === '') return text;
	pattern.lastIndex = 0;
	if (!pattern.test(text)) return text;
	pattern.lastIndex = 0;
	return text.replace(pattern, replaceMatch);
}

/** `text` with every secret, Benchwork key and auth token replaced by `[redacted]`. */
export function redactText(text: string, secrets: readonly string[] = []): string {
	if (typeof text !== 'string' || text === '') return text;
	return redactWith(patternFor(secrets), text);
}

/**
 * `text` cut to at most `max` characters (plus `…`), for text that is already redacted: the cut
 * never leaves part of a `[redacted]` marker behind.
 */
export function cutText(text: string, max: number): string {
	if (text.length <= max) return text;
	let end = max;
	const markerStart = text.lastIndexOf('[', end);
	if (
		markerStart >= 0 &&
		markerStart > end - REDACTED.length &&
		text.startsWith(REDACTED, markerStart)
	)
		end = markerStart;
	return `${text.slice(0, end).trimEnd()}…`;
}

/** Characters that end a key or token: anything else at a cut may be a key's first part. */
const TOKEN_END = new Set([...'"\'`,;<>()[]{}']);

/**
 * The first `max` characters of `text`, redacted. When the text goes on, the window's trailing
 * run of token characters is dropped first: it may be the start of a key (or of a key split by
 * invisible characters) that only the part beyond the window would have made recognisable.
 */
export function redactPrefix(text: string, secrets: readonly string[], max: number): string {
	if (text.length <= max) return redactText(text, secrets);
	let end = max;
	// A backwards scan, not a `…*$` pattern: that one is quadratic on a long run.
	while (end > 0 && !TOKEN_END.has(text[end - 1]) && !/\s/u.test(text[end - 1])) end--;
	return redactText(text.slice(0, end), secrets);
}

function isPlainObject(value: object): boolean {
	const prototype = Object.getPrototypeOf(value) as unknown;
	return prototype === Object.prototype || prototype === null;
}

/**
 * `value` with every string in it (object keys included) redacted, as a new value: the input is
 * not changed. Arrays and objects are walked to MAX_DEPTH; deeper parts and cycles are replaced by
 * a marker, so the result is always safe to show and to serialise. Numbers, booleans, null, dates
 * and binary buffers pass through; other objects are copied as plain objects of their own fields.
 */
export function redactValue<T>(value: T, secrets: readonly string[] = []): T {
	// Once per value, not per string: building the set of secrets costs more than most strings.
	const pattern = patternFor(secrets);
	const done = new Map<object, unknown>();
	const walking = new Set<object>();

	function walk(current: unknown, depth: number): unknown {
		if (typeof current === 'string') return redactWith(pattern, current);
		if (current === null || typeof current !== 'object') return current;
		if (current instanceof Date || Buffer.isBuffer(current) || ArrayBuffer.isView(current))
			return current;
		if (walking.has(current)) return CIRCULAR;
		if (done.has(current)) return done.get(current);
		if (depth >= MAX_DEPTH) return TOO_DEEP;
		walking.add(current);
		let copy: unknown;
		if (Array.isArray(current)) {
			copy = current.map((entry) => walk(entry, depth + 1));
		} else if (current instanceof Error) {
			copy = {
				name: redactWith(pattern, current.name),
				message: redactWith(pattern, current.message),
			};
		} else {
			const entries: Record<string, unknown> = isPlainObject(current)
				? Object.create(Object.getPrototypeOf(current) as object | null)
				: {};
			for (const [key, entry] of Object.entries(current)) {
				entries[redactWith(pattern, key)] = walk(entry, depth + 1);
			}
			copy = entries;
		}
		walking.delete(current);
		done.set(current, copy);
		return copy;
	}

	try {
		return walk(value, 0) as T;
	} catch {
		// A getter that throws, a proxy: show nothing rather than something unredacted.
		return REDACTED as T;
	}
}

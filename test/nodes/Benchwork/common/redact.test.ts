import {
	cutText,
	REDACTED,
	redactPrefix,
	redactText,
	redactValue,
} from '../../../../nodes/Benchwork/common/redact';

const key = 'bw_live_sandbox_enterprise';
/** A key that is not Benchwork-shaped: only the literal-secret rule can catch it. */
const plainKey = 'Zq7xK2mP9wR4tY8u';

/** Every 3-letter window of `secret`, so a test fails when any recognisable part survives. */
function fragments(secret: string): string[] {
	const parts: string[] = [];
	for (let start = 0; start + 6 <= secret.length; start += 3)
		parts.push(secret.slice(start, start + 6));
	return parts;
}

function expectNoPartOf(secret: string, text: string) {
	const visible = text
		.normalize('NFKC')
		.replace(/[\p{Cf}]/gu, '')
		.toLowerCase();
	for (const part of fragments(secret.toLowerCase())) expect(visible).not.toContain(part);
}

const fullWidth = (text: string) =>
	[...text].map((char) => String.fromCharCode(char.charCodeAt(0) + 0xfee0)).join('');

describe('redactText: the key in every spelling a reader would still recognise', () => {
	it.each([
		['verbatim', (secret: string) => secret],
		['in upper case', (secret: string) => secret.toUpperCase()],
		[
			'in mixed case',
			(secret: string) => [...secret].map((c, i) => (i % 2 ? c.toUpperCase() : c)).join(''),
		],
		['split by U+200B', (secret: string) => [...secret].join('\u200B')],
		[
			'split by U+200C, U+200D, U+2060, U+FEFF and a soft hyphen',
			(secret: string) =>
				[...secret]
					.map((c, i) => (i ? ['\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD'][i % 5] : '') + c)
					.join(''),
		],
		[
			'split by several invisible characters in a row',
			(secret: string) => [...secret].join('\u200B\u200D\uFE0F'),
		],
		['in full-width letters', fullWidth],
		[
			'percent-encoded',
			(secret: string) => [...secret].map((c) => `%${c.charCodeAt(0).toString(16)}`).join(''),
		],
		[
			'\\u-escaped as raw JSON text',
			(secret: string) => [...secret].map((c) => `\\u00${c.charCodeAt(0).toString(16)}`).join(''),
		],
		[
			'as HTML entities',
			(secret: string) => [...secret].map((c) => `&#${c.charCodeAt(0)};`).join(''),
		],
	])('a key %s is replaced whole', (_label, spell) => {
		for (const secret of [key, plainKey]) {
			const text = `upstream said: key=${spell(secret)} (sent by you)`;
			const clean = redactText(text, [secret]);
			expect(clean).toBe(`upstream said: key=${REDACTED} (sent by you)`);
		}
	});

	it('a key with Cyrillic look-alike letters is replaced', () => {
		const spoofed = plainKey.replace(/x/g, '\u0445').replace(/p/gi, '\u0440');
		expect(redactText(`k ${spoofed} k`, [plainKey])).toBe(`k ${REDACTED} k`);
	});

	it('every occurrence is replaced, and text around it is kept as it was', () => {
		expect(redactText(`${plainKey}|${plainKey.toLowerCase()}|ok`, [plainKey])).toBe(
			`${REDACTED}|${REDACTED}|ok`,
		);
	});

	it('the longer of two keys that share a start is replaced whole', () => {
		const short = 'Zq7xK2mP';
		expect(redactText(`a ${plainKey} b ${short} c`, [short, plainKey])).toBe(
			`a ${REDACTED} b ${REDACTED} c`,
		);
	});

	it('a secret shorter than 4 characters matches nothing (it would eat ordinary words)', () => {
		expect(redactText('the cat sat', ['at'])).toBe('the cat sat');
	});

	it('a key given with invisible characters in it still matches its plain spelling', () => {
		expect(redactText(`x ${plainKey} x`, [[...plainKey].join('\u200B')])).toBe(`x ${REDACTED} x`);
	});
});

describe('redactText: anything shaped like a credential, whoever it belongs to', () => {
	it.each([
		['a Benchwork live key', 'bw_live_0123abcdEFGH'],
		['a Benchwork test key', 'bw_test_k3y-with_parts'],
		['a Benchwork key in upper case', 'BW_LIVE_ABCDEF123456'],
		['a Benchwork key split by U+200B', [...'bw_live_abcdef123456'].join('\u200B')],
	])('%s is replaced although it is not the credential’s key', (_label, shaped) => {
		expect(redactText(`other tenant: ${shaped}.`, [])).toBe(`other tenant: ${REDACTED}.`);
	});

	it.each([
		['Bearer abc.def-ghi', 'Bearer [redacted]'],
		['authorization: bearer abc123', 'authorization: bearer [redacted]'],
		['"Authorization":"Bearer eyJhbGciOi.x.y"', '"Authorization":"Bearer [redacted]"'],
		['Basic dXNlcjpwYXNz', 'Basic [redacted]'],
		['B\u200Bearer\u200B tok', 'B\u200Bearer\u200B [redacted]'],
	])('the token after an auth scheme goes, the scheme stays: %s', (text, expected) => {
		expect(redactText(text, [])).toBe(expected);
	});

	it('ordinary text is left alone (a key’s prefix on its own, a scheme name with no token)', () => {
		const text = 'Keys start with bw_live_ and are secret; send them as Bearer.';
		expect(redactText(text, [key])).toBe(text);
	});

	// The price of catching every token: prose where "bearer" precedes a word loses that word.
	it('the word after "bearer" in prose is redacted too', () => {
		expect(redactText('the bearer of news', [])).toBe('the bearer [redacted] news');
	});
});

describe('cutText and redactPrefix: a cut never leaves part of a key or of its marker', () => {
	it.each(Array.from({ length: REDACTED.length + 1 }, (_, offset) => offset))(
		'a cut %i characters into a marker drops the whole marker',
		(offset) => {
			const text = `${'x'.repeat(290)}${REDACTED} tail`;
			const cut = cutText(text, 290 + offset);
			expect(cut.replace(REDACTED, '')).not.toContain('[');
			expect(cut.length).toBeLessThanOrEqual(290 + offset + 1);
		},
	);

	it('text within the limit is returned as it is', () => {
		expect(cutText('short', 300)).toBe('short');
	});

	it('a key split by invisible characters across the read limit leaves no part of itself', () => {
		// The key's first half is inside the window, the rest beyond it: alone, neither half matches.
		// A key of no known shape: only the literal rule could catch it, and only whole.
		const spread = [...plainKey].join('\u200B'.repeat(40));
		const text = `${'word '.repeat(1500)}${spread} after`;
		const limit = 7500 + Math.floor(spread.length / 2);
		const prefix = redactPrefix(text, [plainKey], limit);
		expectNoPartOf(plainKey, prefix);
		expect(prefix.startsWith('word word')).toBe(true);
	});

	it('a cut inside a bearer token drops the token’s start', () => {
		const text = `${'a '.repeat(100)}Bearer abcdefghijklmnopqrstuvwxyz0123456789`;
		expect(redactPrefix(text, [], 220)).not.toMatch(/abcdef/);
	});

	it('a text within the read limit is redacted whole', () => {
		expect(redactPrefix(`key ${key}`, [key], 1000)).toBe(`key ${REDACTED}`);
	});

	it('a 1 MB run with no word break is handled at once (no quadratic scan)', () => {
		const started = Date.now();
		redactPrefix(`${'x'.repeat(1_000_000)}<`, [key], 8192);
		redactText('<a'.repeat(512 * 1024), [key, plainKey]);
		// Not a timing target: a hang here would take minutes; this guards against that only.
		expect(Date.now() - started).toBeLessThan(10_000);
	});
});

describe('redactValue: every string in any value, keys included', () => {
	it('walks objects and arrays, redacts keys and values, and leaves other values as they were', () => {
		const when = new Date(0);
		const value = {
			id: 'ex_1',
			count: 3,
			ok: true,
			none: null,
			when,
			headers: { authorization: `Bearer ${key}`, [`x-${plainKey}`]: 'v' },
			steps: [{ message: `failed with ${plainKey.toUpperCase()}` }, 'plain', 7],
		};
		expect(redactValue(value, [key, plainKey])).toEqual({
			id: 'ex_1',
			count: 3,
			ok: true,
			none: null,
			when,
			headers: { authorization: `Bearer ${REDACTED}`, [`x-${REDACTED}`]: 'v' },
			steps: [{ message: `failed with ${REDACTED}` }, 'plain', 7],
		});
	});

	it('does not change its input', () => {
		const value = { note: key };
		redactValue(value, [key]);
		expect(value.note).toBe(key);
	});

	it('a cycle becomes a marker, and the result serialises', () => {
		const value: Record<string, unknown> = { secret: key };
		value.self = value;
		const clean = redactValue(value, [key]);
		expect(JSON.stringify(clean)).toBe(`{"secret":"${REDACTED}","self":"[circular]"}`);
	});

	it('an object met twice (not a cycle) is redacted in both places', () => {
		const shared = { token: `Bearer ${plainKey}` };
		expect(JSON.stringify(redactValue({ a: shared, b: shared }, [plainKey]))).not.toContain(
			plainKey,
		);
	});

	it('nesting 5,000 levels deep is cut at a marker, without a stack overflow', () => {
		let value: Record<string, unknown> = { end: key };
		for (let level = 0; level < 5000; level++) value = { a: value };
		const text = JSON.stringify(redactValue(value, [key]));
		expect(text).toContain('[redacted: nested too deeply]');
		expect(text).not.toContain(key);
	});

	it('an Error inside a value keeps its name and its redacted message', () => {
		expect(redactValue({ error: new Error(`bad key ${key}`) }, [key])).toEqual({
			error: { name: 'Error', message: `bad key ${REDACTED}` },
		});
	});

	it('a getter that throws gives the marker, never the unredacted value', () => {
		const hostile = {
			get boom(): string {
				throw new Error(key);
			},
		};
		expect(redactValue(hostile, [key])).toBe(REDACTED);
	});

	it('a string at the top is redacted like any other', () => {
		expect(redactValue(`x ${key}`, [key])).toBe(`x ${REDACTED}`);
	});
});

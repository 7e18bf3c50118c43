import {
	getWorkflow,
	KEYS,
	runBenchwork,
	runError,
	startAndWait,
	useSandbox,
} from '../../../helpers/sandbox';

const sandbox = useSandbox({ executionDelayMs: 50 });
const key = KEYS.enterprise;

/** The spellings of the key a hostile server would try, each still readable as the key. */
const spellings: Array<[string, string]> = [
	['verbatim', key],
	['in upper case', key.toUpperCase()],
	['split by U+200B', [...key].join('\u200B')],
	['split by a soft hyphen and U+2060', [...key].join('\u00AD\u2060')],
	[
		'in full-width letters',
		[...key].map((char) => String.fromCharCode(char.charCodeAt(0) + 0xfee0)).join(''),
	],
];

/** The text as a reader sees it: invisible characters gone, full-width folded, one case. */
function visible(text: string): string {
	return text
		.normalize('NFKC')
		.replace(/\p{Cf}/gu, '')
		.toLowerCase();
}

/** No 5-character piece of the key (beyond its public `bw_live_` prefix) is readable in `text`. */
function expectNoKey(text: string) {
	const seen = visible(text);
	for (let start = 'bw_live_'.length - 2; start + 5 <= key.length; start++)
		expect(seen).not.toContain(key.slice(start, start + 5));
}

describe('error text from Benchwork never shows the key, however it is spelled', () => {
	it.each(spellings)('a 400 whose message holds the key %s', async (_label, spelled) => {
		sandbox.current.addFault({
			method: 'GET',
			path: '/workflows',
			status: 400,
			body: JSON.stringify({ error: { message: `you sent key=${spelled} (rejected)` } }),
			contentType: 'application/json',
			times: 0,
		});
		const error = await runError(runBenchwork(sandbox.current, getWorkflow()));
		expect(error.message).toBe(
			'Benchwork rejected the request as invalid (400): you sent key=[redacted] (rejected) [item 0]',
		);
	});

	it.each(spellings)('a failed run whose reason holds the key %s', async (_label, spelled) => {
		sandbox.current.setWorkflow('wf_leaky_failure', {
			outcome: 'failed',
			durationMs: 50,
			failure: { step: 'Charge card', message: `gateway echoed ${spelled} back` },
		});
		const error = await runError(runBenchwork(sandbox.current, startAndWait('wf_leaky_failure')));
		expect(error.message).toMatch(/failed: gateway echoed \[redacted\] back \[item 0\]$/);
		expectNoKey(`${error.message} ${error.description ?? ''}`);
	});

	// The quoted text is cut at 300 characters: the cut lands inside the key, or inside its marker.
	it.each([
		[3, 'verbatim', key],
		[9, 'verbatim', key],
		[30, 'split by U+200B', [...key].join('\u200B')],
		[41, 'split by U+200B', [...key].join('\u200B')],
	])(
		'the key %i characters before the quoting limit (%s) leaves neither a key part nor "[red…"',
		async (before, _label, spelled) => {
			const message = `${'x'.repeat(300 - before)}${spelled} and more`;
			sandbox.current.addFault({
				method: 'GET',
				path: '/workflows',
				status: 400,
				body: JSON.stringify({ error: { message } }),
				contentType: 'application/json',
				times: 0,
			});
			const error = await runError(runBenchwork(sandbox.current, getWorkflow()));
			expect(error.message).toMatch(/^Benchwork rejected the request as invalid \(400\): x+/);
			expect(error.message).not.toMatch(/\[r(e(d(a(c(t(e(d)?)?)?)?)?)?)?…/);
			expectNoKey(error.message);
		},
	);

	it('a body longer than the read limit, ending the read inside a split key, shows no part of it', async () => {
		// Seven spread keys shrink to seven markers, so the quote reaches the read's end (8,192),
		// which falls 23 letters into an eighth: alone, that part matches no pattern.
		const spread = [...key].join('\u200B'.repeat(40));
		const body = `${'word '.repeat(10)}${`${spread} `.repeat(7)}${spread} tail ${'z'.repeat(9000)}`;
		sandbox.current.addFault({
			method: 'GET',
			path: '/workflows',
			status: 400,
			body,
			contentType: 'text/plain',
			times: 0,
		});
		const error = await runError(runBenchwork(sandbox.current, getWorkflow()));
		expect(error.message).toMatch(/^Benchwork rejected the request as invalid \(400\): word word/);
		expectNoKey(error.message);
	});
});

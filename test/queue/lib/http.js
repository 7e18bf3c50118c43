'use strict';
// POSTs to an n8n production webhook. Right after activation the webhook processor may not know
// the route yet (404): retried until it does, within a bound.
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** postWebhook(url, body, {timeoutMs}) -> {status, text} of the first answer that is not 404. */
async function postWebhook(url, body, { timeoutMs = 30000 } = {}) {
	const end = Date.now() + timeoutMs;
	for (;;) {
		const res = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
		const text = await res.text();
		if (res.status !== 404 || Date.now() > end) return { status: res.status, text };
		await sleep(250);
	}
}

module.exports = { postWebhook };

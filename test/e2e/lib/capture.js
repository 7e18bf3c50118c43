'use strict';
// Another host on loopback that records every request it gets: the place a redirect points at,
// so a check can assert it received nothing (no key, no payload).
const http = require('http');

/** startCaptureServer() -> {origin, requests: [{method, url, headers, body}], close()} */
async function startCaptureServer() {
	const requests = [];
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			requests.push({
				method: req.method,
				url: req.url,
				headers: req.headers,
				body: Buffer.concat(chunks).toString('utf8'),
			});
			res.writeHead(200, { 'content-type': 'application/json', connection: 'close' });
			res.end(JSON.stringify({ executionId: 'exe_from_another_host', id: 'wf_from_another_host' }));
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		origin: `http://127.0.0.1:${server.address().port}`,
		requests,
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

module.exports = { startCaptureServer };

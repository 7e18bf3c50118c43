/**
 * A second host on loopback that records every request it gets and answers 200 with a body
 * that looks like a started run: the "other origin" a redirect points at. Tests assert that it
 * received nothing.
 */
import { createServer } from 'http';
import type { IncomingHttpHeaders } from 'http';
import type { AddressInfo } from 'net';

export interface CapturedRequest {
	method: string;
	url: string;
	headers: IncomingHttpHeaders;
	body: string;
}

export class CaptureServer {
	readonly requests: CapturedRequest[] = [];

	origin = '';

	private readonly server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const body = Buffer.concat(chunks).toString('utf8');
			this.requests.push({
				method: req.method ?? '',
				url: req.url ?? '',
				headers: req.headers,
				body,
			});
			res.writeHead(200, { 'content-type': 'application/json', connection: 'close' });
			res.end(
				JSON.stringify({
					executionId: 'exe_from_another_host',
					id: 'wf_from_another_host',
					status: 'active',
				}),
			);
		});
	});

	static async start(): Promise<CaptureServer> {
		const capture = new CaptureServer();
		await new Promise<void>((resolve) => capture.server.listen(0, '127.0.0.1', resolve));
		capture.origin = `http://127.0.0.1:${(capture.server.address() as AddressInfo).port}`;
		return capture;
	}

	reset(): void {
		this.requests.length = 0;
	}

	async close(): Promise<void> {
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}
}

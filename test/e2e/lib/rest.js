'use strict';
// A small client for n8n's internal REST API (/rest/*, the one the editor uses), Node built-ins
// only. Auth: the `n8n-auth` cookie is bound to the `browser-id` header, so one client keeps one
// browser id for all its calls.
const http = require('http');
const flatted = require('./flatted');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

class RestError extends Error {
	constructor(method, path, status, body) {
		super(
			`${method} ${path} -> ${status}: ${typeof body === 'string' ? body.slice(0, 2000) : JSON.stringify(body).slice(0, 2000)}`,
		);
		this.status = status;
		this.body = body;
	}
}

const DEFAULT_OWNER = {
	email: 'owner@benchwork.test',
	password: 'E2e-Owner-Passw0rd!',
	firstName: 'E2E',
	lastName: 'Owner',
};

class N8nRest {
	/**
	 * new N8nRest(baseUrl | n8nProcess, {major?, browserId?})
	 * `major` (1 or 2) picks the activation flavour; taken from the process when given one.
	 */
	constructor(target, { major, browserId = 'benchwork-e2e-browser' } = {}) {
		this.baseUrl = typeof target === 'string' ? target.replace(/\/$/, '') : target.baseUrl;
		this.major =
			major || (typeof target === 'object' && target.line ? target.line.major : undefined);
		this.browserId = browserId;
		this.cookie = null;
		this.user = null;
	}

	/**
	 * request(method, path, {body, query, headers, expect}) -> parsed JSON body (or text).
	 * Throws RestError unless the status is 2xx (or in `expect`, an array of allowed statuses).
	 */
	request(
		method,
		path,
		{ body, query, headers = {}, expect, raw = false, timeoutMs = 60000 } = {},
	) {
		const url = new URL(this.baseUrl + path);
		for (const [k, v] of Object.entries(query || {})) {
			if (v !== undefined)
				url.searchParams.set(k, typeof v === 'object' ? JSON.stringify(v) : String(v));
		}
		const payload =
			body === undefined
				? undefined
				: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
		const h = { accept: 'application/json', 'browser-id': this.browserId, ...headers };
		if (payload) {
			h['content-type'] = h['content-type'] || 'application/json';
			h['content-length'] = payload.length;
		}
		if (this.cookie) h.cookie = this.cookie;
		return new Promise((resolve, reject) => {
			const req = http.request(url, { method, headers: h, timeout: timeoutMs }, (res) => {
				const chunks = [];
				res.on('data', (d) => chunks.push(d));
				res.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					for (const c of [].concat(res.headers['set-cookie'] || [])) {
						const m = /^n8n-auth=([^;]*)/.exec(c);
						if (m) this.cookie = m[1] ? `n8n-auth=${m[1]}` : null;
					}
					let parsed = text;
					if (!raw && /json/.test(res.headers['content-type'] || '')) {
						try {
							parsed = JSON.parse(text);
						} catch {
							/* leave text */
						}
					}
					const ok = expect
						? expect.includes(res.statusCode)
						: res.statusCode >= 200 && res.statusCode < 300;
					if (!ok) return reject(new RestError(method, path, res.statusCode, parsed));
					resolve(raw ? { status: res.statusCode, headers: res.headers, body: text } : parsed);
				});
			});
			req.on('timeout', () =>
				req.destroy(new Error(`${method} ${path}: timeout after ${timeoutMs} ms`)),
			);
			req.on('error', reject);
			if (payload) req.write(payload);
			req.end();
		});
	}

	async data(method, path, opts) {
		const r = await this.request(method, path, opts);
		return r && typeof r === 'object' && 'data' in r ? r.data : r;
	}

	// ---- auth -----------------------------------------------------------------------------

	/** POST /rest/owner/setup on a fresh instance (logs in as a side effect). */
	async setupOwner(owner = DEFAULT_OWNER) {
		this.user = await this.data('POST', '/rest/owner/setup', { body: owner });
		this.owner = owner;
		return this.user;
	}

	/** POST /rest/login {emailOrLdapLoginId, password}. */
	async login({ email, password } = this.owner || DEFAULT_OWNER) {
		this.user = await this.data('POST', '/rest/login', {
			body: { emailOrLdapLoginId: email, password },
		});
		return this.user;
	}

	/** Sets the owner up if the instance is fresh, else logs in. Leaves the client logged in. */
	async ensureOwner(owner = DEFAULT_OWNER) {
		this.owner = owner;
		try {
			await this.setupOwner(owner);
		} catch (e) {
			if (!(e instanceof RestError) || e.status !== 400) throw e;
		}
		return this.login(owner);
	}

	// ---- types ----------------------------------------------------------------------------

	/** GET /types/nodes.json -> array of node type descriptions (every version of every node). */
	nodeTypes() {
		return this.request('GET', '/types/nodes.json');
	}

	/** GET /types/credentials.json -> array of credential type descriptions. */
	credentialTypes() {
		return this.request('GET', '/types/credentials.json');
	}

	// ---- credentials ----------------------------------------------------------------------

	/** POST /rest/credentials {name, type, data} -> stored credential ({id, ...}). */
	createCredential({ name, type, data }) {
		return this.data('POST', '/rest/credentials', { body: { name, type, data } });
	}

	listCredentials() {
		return this.data('GET', '/rest/credentials');
	}

	/** POST /rest/credentials/test (2.x needs the stored credential's id). */
	testCredential({ id, name, type, data }) {
		return this.data('POST', '/rest/credentials/test', {
			body: { credentials: { id, name, type, data } },
		});
	}

	// ---- workflows ------------------------------------------------------------------------

	/** POST /rest/workflows -> {id, versionId, ...}. `active: false` is required by 1.x. */
	createWorkflow(wf) {
		return this.data('POST', '/rest/workflows', {
			body: { settings: {}, connections: {}, ...wf, active: false },
		});
	}

	getWorkflow(id) {
		return this.data('GET', `/rest/workflows/${id}`);
	}

	listWorkflows() {
		return this.data('GET', '/rest/workflows');
	}

	/** PATCH /rest/workflows/:id with the current versionId (fetched when not given). */
	async updateWorkflow(id, patch) {
		const versionId = patch.versionId || (await this.getWorkflow(id)).versionId;
		return this.data('PATCH', `/rest/workflows/${id}`, { body: { ...patch, versionId } });
	}

	/**
	 * activate(id, {timeoutMs, graceMs}) -> workflow.
	 * 1.x: POST /rest/workflows/:id/activate runs the trigger's checkExists/create inside the
	 * request (a failing create fails it). 2.x queues a publication and answers at once; this
	 * polls GET /rest/workflows/:id/publication-status until it is no longer pending and throws
	 * unless it ended `published`. `graceMs` (default 5 s): how long a not-yet-changed status is
	 * taken for "not picked up yet" (n8n's publication queue is slow right after a restart).
	 */
	activate(id, { timeoutMs = 60000, graceMs } = {}) {
		return this.setPublished(id, 'activate', 'published', timeoutMs, graceMs);
	}

	/** deactivate(id) -> workflow (2.x: waits until the publication status is `not_published`). */
	deactivate(id, { timeoutMs = 60000, graceMs } = {}) {
		return this.setPublished(id, 'deactivate', 'not_published', timeoutMs, graceMs);
	}

	async setPublished(id, action, want, timeoutMs, graceMs) {
		const { versionId } = await this.getWorkflow(id);
		let wf;
		try {
			wf = await this.data('POST', `/rest/workflows/${id}/${action}`, { body: { versionId } });
		} catch (error) {
			// n8n before the activate/deactivate routes (1.85 has none: Express answers its own
			// 404 page "Cannot POST"): (de)activation is a PATCH of `active`, run in that request.
			if (!(error instanceof RestError && error.status === 404 && /Cannot POST/.test(error.body)))
				throw error;
			wf = await this.updateWorkflow(id, { active: action === 'activate', versionId });
		}
		if (this.major >= 2) {
			const st = await this.waitPublication(id, { timeoutMs, want, graceMs });
			if (st.status !== want)
				throw new Error(`workflow ${id}: ${action} ended ${JSON.stringify(st)}`);
		}
		return wf;
	}

	/**
	 * 2.x only: GET /rest/workflows/:id/publication-status ->
	 * {status: 'in_progress'|'published'|'partial'|'failed'|'not_published', liveVersionId,
	 *  pendingVersionId, triggers: [{nodeId, status, errorMessage}]}
	 */
	publicationStatus(id) {
		return this.data('GET', `/rest/workflows/${id}/publication-status`);
	}

	/**
	 * Polls the publication status until it settles (not `in_progress`). A settled status other
	 * than `want` right after the request may just mean the queued publication was not picked up
	 * yet, so it is only accepted once `graceMs` have passed or after an `in_progress` was seen.
	 */
	async waitPublication(id, { timeoutMs = 60000, want = 'published', graceMs = 5000 } = {}) {
		const t0 = Date.now();
		let sawProgress = false;
		let st;
		for (;;) {
			st = await this.publicationStatus(id);
			if (st.status === 'in_progress') sawProgress = true;
			else if (st.status === want || sawProgress || Date.now() - t0 > graceMs) return st;
			if (Date.now() - t0 > timeoutMs)
				throw new Error(
					`workflow ${id}: publication still ${JSON.stringify(st)} after ${timeoutMs} ms`,
				);
			await sleep(200);
		}
	}

	// ---- executions -----------------------------------------------------------------------

	/**
	 * listExecutions({workflowId, status, limit}) -> [{id, workflowId, status, mode, startedAt, ...}]
	 * newest first.
	 */
	async listExecutions({ workflowId, status, limit = 100 } = {}) {
		const filter = {};
		if (workflowId) filter.workflowId = String(workflowId);
		if (status) filter.status = [].concat(status);
		const d = await this.data('GET', '/rest/executions', { query: { filter, limit } });
		return Array.isArray(d) ? d : d.results;
	}

	/**
	 * getExecution(id) -> the execution with `data` parsed from its flatted form:
	 * {id, status, mode, finished, workflowId, workflowData, data: {resultData: {runData, error?, lastNodeExecuted}, ...}}
	 */
	async getExecution(id) {
		const e = await this.data('GET', `/rest/executions/${id}`);
		if (e && typeof e.data === 'string') e.data = flatted.parse(e.data);
		return e;
	}

	/**
	 * waitForExecution({workflowId, after = [], timeoutMs, finished = true}) -> parsed execution
	 * Polls until an execution of that workflow whose id is not in `after` exists (and, with
	 * `finished`, has left new/running/waiting), then returns it with data parsed.
	 */
	async waitForExecution({ workflowId, after = [], timeoutMs = 30000, finished = true } = {}) {
		const seen = new Set([].concat(after).map(String));
		const end = Date.now() + timeoutMs;
		for (;;) {
			const list = await this.listExecutions({ workflowId });
			const fresh = list.filter((e) => !seen.has(String(e.id)));
			const done = finished
				? fresh.filter((e) => !['new', 'running', 'waiting'].includes(e.status))
				: fresh;
			if (done.length) return this.getExecution(done[done.length - 1].id);
			if (Date.now() > end)
				throw new Error(
					`no ${finished ? 'finished ' : ''}execution of workflow ${workflowId} within ${timeoutMs} ms`,
				);
			await sleep(300);
		}
	}
}

/**
 * outputItems(runOrExecution, nodeName, {run = -1, output = 0}) -> [json, ...]
 * Items a node produced, from an execution (REST, parsed) or the CLI's --rawOutput run data.
 */
function outputItems(src, nodeName, { run = -1, output = 0 } = {}) {
	const runData = findRunData(src);
	const runs = runData && runData[nodeName];
	if (!runs || !runs.length)
		throw new Error(
			`node "${nodeName}" did not run (ran: ${Object.keys(runData || {}).join(', ')})`,
		);
	const r = runs.at(run);
	if (r.error)
		throw Object.assign(new Error(`node "${nodeName}" failed: ${r.error.message}`), {
			nodeError: r.error,
		});
	const main = (r.data && r.data.main) || [];
	return (main[output] || []).map((i) => i.json);
}

function findRunData(src) {
	if (!src || typeof src !== 'object') return undefined;
	if (src.runData) return src.runData;
	if (src.resultData) return src.resultData.runData;
	if (src.data) return findRunData(src.data);
	return undefined;
}

/** executionError(runOrExecution) -> the workflow-level error, if any. */
function executionError(src) {
	let s = src;
	while (s && s.data && !s.resultData) s = s.data;
	return s && s.resultData && s.resultData.error;
}

module.exports = { N8nRest, RestError, DEFAULT_OWNER, outputItems, findRunData, executionError };

// @ts-check
'use strict';

/**
 * Seed data for the Benchwork sandbox: a dozen workflows over two stores and ~40 finished
 * executions. `seed()` returns fresh deep copies every time (the server calls it on start and on
 * reset). Everything here is deterministic: fixed ids, fixed timestamps in the past (so anything
 * the sandbox starts later is always "newest").
 */

/** @typedef {'active' | 'paused' | 'draft'} WorkflowStatus */
/** @typedef {'success' | 'failed'} Outcome */
/** @typedef {'running' | 'success' | 'failed'} ExecutionStatus */
/** @typedef {'api' | 'schedule' | 'webhook'} ExecutionTrigger */

/**
 * A workflow as the sandbox stores it. The public API shows only
 * `id, name, status, storeId, description, createdAt, updatedAt`; the rest is internal.
 * @typedef {object} SandboxWorkflow
 * @property {string} id
 * @property {string} name
 * @property {WorkflowStatus} status
 * @property {string} storeId
 * @property {string} description
 * @property {string} createdAt ISO 8601
 * @property {string} updatedAt ISO 8601
 * @property {Outcome} outcome how a triggered run ends (internal)
 * @property {number | null | undefined} durationMs how long a triggered run takes: a number of ms,
 *   `null` = runs until finished through the control API, `undefined` = the sandbox's
 *   `executionDelayMs` (internal)
 * @property {string[]} steps names of the steps, used for `nodeResults` (internal)
 * @property {{ step: string, message: string } | undefined} failure the error a failed run reports
 *   (internal; default: the middle step, `Step "<step>" failed: error`)
 */

/**
 * @typedef {object} NodeResult
 * @property {string} step
 * @property {'success' | 'failed' | 'skipped'} status
 * @property {unknown} output
 */

/**
 * @typedef {object} Execution
 * @property {string} id
 * @property {string} workflowId
 * @property {string} workflowName
 * @property {ExecutionStatus} status
 * @property {ExecutionTrigger} trigger
 * @property {Record<string, unknown>} payload
 * @property {string} startedAt ISO 8601
 * @property {string | null} finishedAt ISO 8601, null while running
 * @property {number | null} durationMs null while running
 * @property {{ message: string, step: string } | null} error
 * @property {NodeResult[]} nodeResults
 */

/**
 * @param {string} s
 * @returns {number} a small deterministic hash
 */
function hash(s) {
	let h = 2166136261;
	for (let i = 0; i < s.length; i++) {
		h ^= s.charCodeAt(i);
		h = Math.imul(h, 16777619);
	}
	return h >>> 0;
}

/**
 * The error a failed run of `workflow` reports.
 * @param {Pick<SandboxWorkflow, 'steps' | 'failure'>} workflow
 * @returns {{ message: string, step: string }}
 */
function failureOf(workflow) {
	if (workflow.failure) return { message: workflow.failure.message, step: workflow.failure.step };
	const steps = workflow.steps.length ? workflow.steps : ['Run'];
	const step = steps[Math.floor((steps.length - 1) / 2)];
	return { message: `Step "${step}" failed: error`, step };
}

/**
 * Node results of a finished run.
 * @param {Pick<SandboxWorkflow, 'steps'>} workflow
 * @param {string} executionId
 * @param {'success' | 'failed'} status
 * @param {{ message: string, step: string } | null} error the error when failed
 * @returns {NodeResult[]}
 */
function buildNodeResults(workflow, executionId, status, error) {
	const steps = workflow.steps.length ? workflow.steps : ['Run'];
	let failedIndex = -1;
	if (status === 'failed') {
		failedIndex = error ? steps.indexOf(error.step) : -1;
		if (failedIndex < 0) failedIndex = steps.length - 1;
	}
	return steps.map((step, i) => {
		if (failedIndex >= 0 && i > failedIndex) return { step, status: 'skipped', output: null };
		if (i === failedIndex) {
			return { step, status: 'failed', output: { error: error ? error.message : 'error' } };
		}
		return {
			step,
			status: 'success',
			output: { ok: true, items: (hash(`${executionId}:${i}`) % 50) + 1 },
		};
	});
}

/** @type {ReadonlyArray<Omit<SandboxWorkflow, 'createdAt' | 'updatedAt'> & { created: string, updated: string }>} */
const WORKFLOWS = [
	{
		id: 'wf_orders_sync',
		name: 'Orders sync',
		status: 'active',
		storeId: 'store_eu',
		description: 'Copies new orders into the ERP every 15 minutes.',
		created: '2024-03-04T09:12:00.000Z',
		updated: '2024-11-18T14:30:00.000Z',
		outcome: 'success',
		durationMs: 100,
		steps: ['Fetch orders', 'Map fields', 'Upsert to ERP'],
		failure: undefined,
	},
	{
		id: 'wf_flaky_payments',
		name: 'Payment capture',
		status: 'active',
		storeId: 'store_us',
		description: 'Captures authorised payments and e-mails the receipt.',
		created: '2024-04-11T16:40:00.000Z',
		updated: '2024-12-02T08:05:00.000Z',
		outcome: 'failed',
		durationMs: 200,
		steps: ['Load invoice', 'Charge card', 'Send receipt'],
		failure: { step: 'Charge card', message: 'Step "Charge card" failed: card_declined' },
	},
	{
		id: 'wf_long_report',
		name: 'Monthly sales report',
		status: 'active',
		storeId: 'store_eu',
		description: 'Builds the monthly sales report (takes a while).',
		created: '2024-02-20T11:00:00.000Z',
		updated: '2024-10-01T07:45:00.000Z',
		outcome: 'success',
		durationMs: null,
		steps: ['Query sales', 'Aggregate', 'Render PDF', 'Upload'],
		failure: undefined,
	},
	{
		id: 'wf_newsletter',
		name: 'Weekly newsletter',
		status: 'paused',
		storeId: 'store_us',
		description: 'Sends the weekly newsletter to subscribers.',
		created: '2024-01-15T10:00:00.000Z',
		updated: '2024-12-10T12:00:00.000Z',
		outcome: 'success',
		durationMs: undefined,
		steps: ['Load subscribers', 'Render e-mail', 'Send'],
		failure: undefined,
	},
	{
		id: 'wf_draft_import',
		name: 'Catalog import',
		status: 'draft',
		storeId: 'store_eu',
		description: 'Imports the supplier catalog (not finished yet).',
		created: '2024-12-01T15:20:00.000Z',
		updated: '2024-12-12T09:10:00.000Z',
		outcome: 'success',
		durationMs: undefined,
		steps: ['Download feed', 'Parse CSV', 'Create products'],
		failure: undefined,
	},
	{
		id: 'wf_inventory_eu',
		name: 'Inventory sync EU',
		status: 'active',
		storeId: 'store_eu',
		description: 'Pushes stock levels from the warehouse to the EU shop.',
		created: '2024-03-10T08:00:00.000Z',
		updated: '2024-11-02T10:00:00.000Z',
		outcome: 'success',
		durationMs: undefined,
		steps: ['Read warehouse', 'Diff stock', 'Push stock levels'],
		failure: undefined,
	},
	{
		id: 'wf_inventory_us',
		name: 'Inventory sync US',
		status: 'active',
		storeId: 'store_us',
		description: 'Pushes stock levels from the warehouse to the US shop.',
		created: '2024-03-10T08:05:00.000Z',
		updated: '2024-11-02T10:05:00.000Z',
		outcome: 'success',
		durationMs: undefined,
		steps: ['Read warehouse', 'Diff stock', 'Push stock levels'],
		failure: { step: 'Push stock levels', message: 'Step "Push stock levels" failed: timeout' },
	},
	{
		id: 'wf_abandoned_cart',
		name: 'Abandoned cart reminder',
		status: 'active',
		storeId: 'store_us',
		description: 'Reminds shoppers of carts left for 24 hours.',
		created: '2024-05-02T13:00:00.000Z',
		updated: '2024-09-21T17:00:00.000Z',
		outcome: 'success',
		durationMs: undefined,
		steps: ['Find carts', 'Send reminder'],
		failure: undefined,
	},
	{
		id: 'wf_customer_export',
		name: 'Customer export',
		status: 'active',
		storeId: 'store_eu',
		description: 'Exports new customers to the CRM.',
		created: '2024-06-18T09:30:00.000Z',
		updated: '2024-12-05T16:20:00.000Z',
		outcome: 'success',
		durationMs: undefined,
		steps: ['Query customers', 'Map fields', 'Upsert to CRM'],
		failure: undefined,
	},
	{
		id: 'wf_review_requests',
		name: 'Review requests',
		status: 'paused',
		storeId: 'store_eu',
		description: 'Asks customers for a review a week after delivery.',
		created: '2024-04-25T12:00:00.000Z',
		updated: '2024-08-30T12:00:00.000Z',
		outcome: 'success',
		durationMs: undefined,
		steps: ['Find deliveries', 'Send request'],
		failure: undefined,
	},
	{
		id: 'wf_tax_report',
		name: 'Quarterly tax report',
		status: 'paused',
		storeId: 'store_us',
		description: 'Prepares the quarterly sales-tax report.',
		created: '2024-01-05T07:00:00.000Z',
		updated: '2024-10-15T07:00:00.000Z',
		outcome: 'success',
		durationMs: undefined,
		steps: ['Query sales', 'Compute tax', 'Export'],
		failure: undefined,
	},
	{
		id: 'wf_price_update',
		name: 'Price update',
		status: 'draft',
		storeId: 'store_us',
		description: 'Applies the supplier price list (not finished yet).',
		created: '2024-12-08T10:00:00.000Z',
		updated: '2024-12-11T10:00:00.000Z',
		outcome: 'success',
		durationMs: undefined,
		steps: ['Load price list', 'Update prices'],
		failure: undefined,
	},
];

/**
 * The seeded execution history: [workflowId, status, trigger]. 40 runs, oldest first.
 * @type {ReadonlyArray<[string, 'success' | 'failed', ExecutionTrigger]>}
 */
const HISTORY = [
	['wf_orders_sync', 'success', 'schedule'],
	['wf_inventory_eu', 'success', 'schedule'],
	['wf_flaky_payments', 'failed', 'api'],
	['wf_newsletter', 'success', 'schedule'],
	['wf_long_report', 'success', 'schedule'],
	['wf_orders_sync', 'success', 'api'],
	['wf_inventory_us', 'success', 'schedule'],
	['wf_abandoned_cart', 'success', 'webhook'],
	['wf_flaky_payments', 'success', 'webhook'],
	['wf_customer_export', 'success', 'schedule'],
	['wf_review_requests', 'success', 'schedule'],
	['wf_tax_report', 'success', 'schedule'],
	['wf_orders_sync', 'success', 'schedule'],
	['wf_inventory_us', 'failed', 'schedule'],
	['wf_flaky_payments', 'failed', 'api'],
	['wf_abandoned_cart', 'success', 'webhook'],
	['wf_inventory_eu', 'success', 'schedule'],
	['wf_customer_export', 'success', 'api'],
	['wf_newsletter', 'success', 'schedule'],
	['wf_orders_sync', 'success', 'webhook'],
	['wf_flaky_payments', 'success', 'webhook'],
	['wf_long_report', 'success', 'api'],
	['wf_review_requests', 'success', 'schedule'],
	['wf_inventory_us', 'success', 'schedule'],
	['wf_orders_sync', 'success', 'schedule'],
	['wf_flaky_payments', 'failed', 'webhook'],
	['wf_abandoned_cart', 'success', 'webhook'],
	['wf_tax_report', 'success', 'api'],
	['wf_inventory_eu', 'success', 'schedule'],
	['wf_customer_export', 'success', 'schedule'],
	['wf_orders_sync', 'success', 'api'],
	['wf_flaky_payments', 'failed', 'api'],
	['wf_newsletter', 'success', 'schedule'],
	['wf_long_report', 'success', 'schedule'],
	['wf_inventory_us', 'success', 'schedule'],
	['wf_abandoned_cart', 'success', 'webhook'],
	['wf_orders_sync', 'success', 'schedule'],
	['wf_flaky_payments', 'success', 'webhook'],
	['wf_customer_export', 'success', 'api'],
	['wf_inventory_eu', 'success', 'schedule'],
];

/** Start of the seeded history; one run every 5 hours after it. */
const HISTORY_START = Date.parse('2025-01-06T06:00:00.000Z');

/**
 * @param {string} workflowId
 * @param {number} i
 * @returns {Record<string, unknown>}
 */
function seedPayload(workflowId, i) {
	switch (workflowId) {
		case 'wf_orders_sync':
			return { since: new Date(HISTORY_START + (i - 1) * 5 * 3600e3).toISOString() };
		case 'wf_flaky_payments':
			return { invoiceId: `inv_${1000 + i}`, amount: 1999 + i * 100, currency: 'USD' };
		case 'wf_long_report':
			return { month: '2024-12' };
		case 'wf_abandoned_cart':
			return { cartId: `cart_${500 + i}` };
		default:
			return {};
	}
}

/**
 * Fresh copies of the seed data.
 * @returns {{ workflows: SandboxWorkflow[], executions: Execution[] }}
 */
function seed() {
	/** @type {SandboxWorkflow[]} */
	const workflows = WORKFLOWS.map((w) => ({
		id: w.id,
		name: w.name,
		status: w.status,
		storeId: w.storeId,
		description: w.description,
		createdAt: w.created,
		updatedAt: w.updated,
		outcome: w.outcome,
		durationMs: w.durationMs,
		steps: [...w.steps],
		failure: w.failure ? { ...w.failure } : undefined,
	}));
	const byId = new Map(workflows.map((w) => [w.id, w]));

	/** @type {Execution[]} */
	const executions = HISTORY.map(([workflowId, status, trigger], i) => {
		const workflow = /** @type {SandboxWorkflow} */ (byId.get(workflowId));
		const id = `exe_seed_${String(i + 1).padStart(3, '0')}`;
		const started = HISTORY_START + i * 5 * 3600e3;
		const durationMs =
			workflow.id === 'wf_long_report' ? 600000 + (hash(id) % 300000) : 800 + (hash(id) % 9000);
		const error = status === 'failed' ? failureOf(workflow) : null;
		return {
			id,
			workflowId,
			workflowName: workflow.name,
			status,
			trigger,
			payload: seedPayload(workflowId, i),
			startedAt: new Date(started).toISOString(),
			finishedAt: new Date(started + durationMs).toISOString(),
			durationMs,
			error,
			nodeResults: buildNodeResults(workflow, id, status, error),
		};
	});

	return { workflows, executions };
}

module.exports = { seed, buildNodeResults, failureOf };

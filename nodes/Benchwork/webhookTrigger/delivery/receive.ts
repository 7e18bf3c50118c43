import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { asObject, tryParseJson } from '../../common/json';
import { redactValue } from '../../common/redact';
import { log } from '../../triggers/log';
import { readTriggerSettings } from '../../triggers/settings';
import { readRegistration, registrationKey } from '../lifecycle/registration';
import type { BenchworkEventObject } from '../../triggers/eventItem';
import { eventItemJson, unwantedBecause } from '../../triggers/eventItem';
import { firstSighting } from './replay';
import { verificationSecret } from './secret';
import { SIGNATURE_HEADER, signatureProblem, TIMESTAMP_HEADER } from './signature';

/** The part of express's response that n8n hands to webhook(). */
interface WebhookResponse {
	status(code: number): { json(body: unknown): unknown };
}

const DELIVERY_HEADER = 'x-benchwork-delivery';
const SAFE_DELIVERY_ID = /^[A-Za-z0-9_.-]{1,100}$/;

/** The delivery id, for the log, only when it looks like one (it is unauthenticated input). */
function deliveryIdOf(this: IWebhookFunctions): string | undefined {
	const value = this.getHeaderData()[DELIVERY_HEADER];
	return typeof value === 'string' && SAFE_DELIVERY_ID.test(value) ? value : undefined;
}

/**
 * Answers 401 and starts nothing. The caller learns only that the signature was not accepted;
 * the reason goes to n8n's log.
 */
function refuse(this: IWebhookFunctions, reason: string): IWebhookResponseData {
	log.call(this, 'warn', `refused a delivery: ${reason}`, { deliveryId: deliveryIdOf.call(this) });
	const response = this.getResponseObject() as unknown as WebhookResponse;
	response.status(401).json({ message: 'Invalid or missing Benchwork signature' });
	return { noWebhookResponse: true };
}

/** A verified delivery that this trigger does not want: 200, so Benchwork does not retry it. */
function ignore(reason: string): IWebhookResponseData {
	return { webhookResponse: { received: true, started: false, reason } };
}

/** n8n keeps the bytes it received on the request (its body parser reads them for every type). */
function rawBodyOf(this: IWebhookFunctions): Buffer | undefined {
	const request = this.getRequestObject() as unknown as { rawBody?: unknown };
	return Buffer.isBuffer(request.rawBody) ? request.rawBody : undefined;
}

/**
 * What identifies a delivery for recognising a repeat: the deliveryId inside the signed body
 * (the X-Benchwork-Delivery header is not signed, so a replayer could change it), else the
 * signature itself, which an exact replay repeats.
 */
function deliveryKeyOf(body: IDataObject, signature: unknown): string {
	const id = body.deliveryId;
	if (typeof id === 'string' && id !== '' && id.length <= 200) return `id:${id}`;
	return `signature:${String(signature).trim().toLowerCase()}`;
}

/**
 * webhook(): verifies the delivery with the secret of the stored registration (derived from
 * the credential, kept in process memory per registration: secret.ts; a process that never saw
 * the registration derives it again), filters (triggers/eventItem.ts), refuses a repeat this process
 * already started (replay.ts), and starts the workflow with one item.
 */
export async function receiveDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const registration = readRegistration(this.getWorkflowStaticData('node'));
	if (!registration)
		return refuse.call(
			this,
			'no Benchwork registration is stored for this trigger; publish the workflow again (on n8n 1.x: activate it)',
		);

	// Re-serialising the parsed body could change its bytes and so the signature: refuse instead.
	const rawBody = rawBodyOf.call(this);
	if (!rawBody)
		return refuse.call(
			this,
			'n8n did not keep the raw request body, so the signature cannot be checked',
		);

	const key = registrationKey(this, registration);
	const { secret, keyChanged } = await verificationSecret(this, registration, key);
	const headers = this.getHeaderData();
	const problem = signatureProblem(
		{ rawBody, signature: headers[SIGNATURE_HEADER], timestamp: headers[TIMESTAMP_HEADER] },
		secret,
	);
	if (problem) {
		return refuse.call(
			this,
			keyChanged
				? `${problem}; the credential's API key changed since the webhook was registered, so unpublish and publish the workflow again (on n8n 1.x: deactivate and activate it)`
				: problem,
		);
	}

	const body = asObject(tryParseJson(rawBody.toString('utf8'))?.value) as IDataObject | undefined;
	if (!body) return refuse.call(this, 'the body is not a JSON object');
	if (typeof body.event !== 'string') return ignore('event not selected');
	const event = body as BenchworkEventObject;

	const settings = readTriggerSettings.call(this);
	const unwanted = unwantedBecause(event, settings);
	if (unwanted) return ignore(unwanted);

	// A run's error text may echo a credential. Benchwork keys (`bw_live_…`) are redacted by their
	// shape in any spelling, so the API key need not be read (a delivery costs no credential read).
	const json = redactValue(eventItemJson(event, settings.output), [secret]);

	// Last, so only deliveries that start something are remembered. Nothing async after it.
	const signedAt = Number(headers[TIMESTAMP_HEADER]);
	if (!firstSighting(key, deliveryKeyOf(body, headers[SIGNATURE_HEADER]), signedAt, Date.now())) {
		log.call(
			this,
			'info',
			'ignored a repeated delivery: this n8n process already started the workflow for it',
			{ deliveryId: deliveryIdOf.call(this) },
		);
		return ignore('repeated delivery');
	}

	return { workflowData: [[{ json }]] };
}

import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { sendBenchworkRequest } from '../../../../nodes/Benchwork/transport/request';
import type { BenchworkRequest } from '../../../../nodes/Benchwork/transport/request';

/**
 * A node that sends, through the transport, the one request its input item describes: the way
 * to try what the transport offers that no operation uses yet (a POST declared repeatable).
 */
export class RequestProbe implements INodeType {
	description = {
		displayName: 'Request Probe',
		name: 'requestProbe',
		group: ['transform'],
		version: 1,
		description: 'test only',
		defaults: { name: 'Request Probe' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'benchworkApi', required: true }],
		properties: [],
	} as unknown as INodeTypeDescription;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const request = this.getInputData()[0].json as unknown as BenchworkRequest;
		const notes: string[] = [];
		const answer = await sendBenchworkRequest.call(this, {
			...request,
			onMayHaveReached: (error) => notes.push(error.message),
		});
		return [[{ json: { statusCode: answer.statusCode, body: answer.body as IDataObject, notes } }]];
	}
}

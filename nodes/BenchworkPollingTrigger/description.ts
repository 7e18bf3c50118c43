import type { INodeProperties } from 'n8n-workflow';

import { properties as webhookTriggerProperties } from '../BenchworkTrigger/description';

/** The webhook trigger's own fields, so both triggers offer the same events, filter and output. */
function shared(name: string): INodeProperties {
	const property = webhookTriggerProperties.find((candidate) => candidate.name === name);
	if (!property) throw new Error(`Benchwork Trigger has no "${name}" field`);
	return property;
}

export const properties: INodeProperties[] = [
	{
		displayName:
			'Checks Benchwork at every Poll Time and starts one execution holding each run that finished since the last check (up to 100 per event; poll more often or filter by workflow when more finish in between). Needs no public URL. When Benchwork can reach this n8n from the internet and runs should start at once, use Benchwork Trigger instead.',
		name: 'pollingNotice',
		type: 'notice',
		default: '',
	},
	shared('events'),
	shared('options'),
];

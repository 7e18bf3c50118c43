import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class BenchworkApi implements ICredentialType {
	name = 'benchworkApi';

	displayName = 'Benchwork API';

	icon: Icon = { light: 'file:benchwork.svg', dark: 'file:benchwork.dark.svg' };

	documentationUrl = 'https://benchwork.app/docs/api';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			placeholder: 'bw_live_…',
			description:
				'An Enterprise API key from Benchwork, under Settings → API Keys. Sent as a bearer token.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://benchwork.app/api/v1',
			description:
				'Change only for a regional host, a proxy or the local sandbox (for example http://127.0.0.1:4567/api/v1). A trailing slash is fine.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiKey}}',
			},
		},
	};

	// One cheap authenticated call; the rules turn 401 and 403 into advice a user can act on.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/workflows',
			qs: { limit: 1 },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Benchwork did not accept this API key (401). Copy a current key from Settings → API Keys in Benchwork and paste it here.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'The key is valid but its Benchwork plan has no API access (403). The API needs an Enterprise plan: upgrade under Settings → Billing, or use a key from an Enterprise workspace.',
				},
			},
		],
	};
}

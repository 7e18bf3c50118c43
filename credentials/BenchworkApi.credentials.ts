import type {
	ICredentialDataDecryptedObject,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

const WRONG_KEY =
	'Benchwork did not accept this API key (401). Copy a current key from Settings → API Keys in Benchwork and paste it here.';
const NO_PLAN =
	'The key is valid but its Benchwork plan has no API access (403). The API needs an Enterprise plan: upgrade under Settings → Billing, or use a key from an Enterprise workspace.';
const NOT_A_LIST =
	'Benchwork did not answer with a list of workflows. Check the Base URL (it ends in /api/v1) and the API key: a wrong key gets 401, a plan without API access 403.';

export class BenchworkApi implements ICredentialType {
	name = 'benchworkApi';

	displayName = 'Benchwork API';

	icon: Icon = { light: 'file:benchwork.svg', dark: 'file:benchwork.dark.svg' };

	documentationUrl = 'https://github.com/benchwork/n8n-nodes-benchwork#credentials';

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
				'Change only when Benchwork gave your workspace another API address, or to go through a proxy. A trailing slash is fine.',
		},
	];

	// A function, not the generic `=Bearer {{$credentials.apiKey}}` form: n8n resolves that
	// expression on every request, and n8n 2.x evaluates it in an isolate (1.5–2 ms a request).
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => ({
		...requestOptions,
		headers: { ...requestOptions.headers, Authorization: `Bearer ${String(credentials.apiKey)}` },
	});

	// One cheap authenticated call. n8n 2.x throws only on 401/403 here and matches the status
	// rules; n8n 1.x (whose tester never sees a status) takes the object as "ignore every
	// status", so the body rules decide there. Only a body with a workflow list passes.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/workflows',
			qs: { limit: 1 },
			ignoreHttpStatusErrors: { ignore: true, except: [401, 403] },
			disableFollowRedirect: true,
		},
		rules: [
			{ type: 'responseCode', properties: { value: 401, message: WRONG_KEY } },
			{ type: 'responseCode', properties: { value: 403, message: NO_PLAN } },
			{
				type: 'responseSuccessBody',
				properties: { key: 'error.code', value: 'unauthorized', message: WRONG_KEY },
			},
			{
				type: 'responseSuccessBody',
				properties: { key: 'error.code', value: 'plan_required', message: NO_PLAN },
			},
			{
				type: 'responseSuccessBody',
				properties: { key: 'workflows', value: undefined, message: NOT_A_LIST },
			},
		] as ICredentialTestRequest['rules'],
	};
}

export { apiPath, isDotSegment } from './path';
export type { BenchworkContext, BenchworkRequest, BenchworkResponse } from './request';
export {
	benchworkApiRequest,
	sendBenchworkRequest,
	normalizeBaseUrl,
	CREDENTIAL_TYPE,
	DEFAULT_BASE_URL,
} from './request';
export { apiErrorText } from './errors';

export { apiPath, isDotSegment } from './path';
export type { BenchworkContext } from './credential';
export { readBenchworkCredential } from './credential';
export type { BenchworkRequest, BenchworkResponse } from './request';
export { benchworkApiRequest, sendBenchworkRequest } from './request';
export { quotable } from './apiText';
export { fetchList, matches, MAX_LIST_LIMIT, workflowChoices } from './lists';
export { CANCEL_CHECK_MS, waitUnlessCancelled } from './wait';
export { missingFieldError } from './errors';

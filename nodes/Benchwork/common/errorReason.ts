/**
 * The readable reason of anything thrown, for log lines and wrapped errors. `max` cuts it, since
 * some reasons (a serialiser's, a parser's) quote the input they choked on.
 */
export function errorReason(error: unknown, max?: number): string {
	const reason = error instanceof Error ? error.message : String(error);
	return max === undefined ? reason : reason.slice(0, max);
}

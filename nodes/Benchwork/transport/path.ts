/**
 * Builds an API path from fixed words and user-supplied ids. Each id is one encoded segment, so
 * an id such as `a/b?c` or `../webhooks` can only ever name a resource, never change the route.
 */
export function apiPath(...segments: string[]): string {
	return '/' + segments.map((segment) => encodeURIComponent(segment)).join('/');
}

/** Ids made only of dots would still be read as `.`/`..` by URL parsers, even when encoded. */
export function isDotSegment(id: string): boolean {
	return /^\.+$/.test(id);
}

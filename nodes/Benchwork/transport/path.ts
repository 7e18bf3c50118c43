/**
 * Builds an API path from fixed words and user-supplied ids. Each id is one encoded segment, so
 * an id such as `a/b?c` or `../webhooks` can only ever name a resource, never change the route
 * (an ID made only of dots, which URL parsers still read as `..`, is refused before: common/ids.ts).
 */
export function apiPath(...segments: string[]): string {
	return '/' + segments.map((segment) => encodeURIComponent(segment)).join('/');
}

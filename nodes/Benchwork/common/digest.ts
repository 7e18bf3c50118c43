import { createHash } from 'crypto';

/**
 * sha256 (hex) over parts joined by newlines: a fixed-size name for a combination of values
 * from which none of the values can be read back, so it may be kept in memory as a map key.
 */
export function digest(...parts: string[]): string {
	return createHash('sha256').update(parts.join('\n')).digest('hex');
}

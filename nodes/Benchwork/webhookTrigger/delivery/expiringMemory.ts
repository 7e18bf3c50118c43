/**
 * A small in-process memory: entries expire after their own deadline, and when it is full the
 * entry stored longest ago is dropped first. Time is passed in, so nothing here reads a clock.
 */
export class ExpiringMemory<V> {
	private readonly entries = new Map<string, { value: V; expiresAt: number }>();

	constructor(private readonly maxEntries: number) {}

	get size(): number {
		return this.entries.size;
	}

	/** The value, unless it expired (then it is forgotten). */
	get(key: string, nowMs: number): V | undefined {
		const entry = this.entries.get(key);
		if (!entry) return undefined;
		if (entry.expiresAt <= nowMs) {
			this.entries.delete(key);
			return undefined;
		}
		return entry.value;
	}

	/** Stores (or replaces) a value; a replaced entry counts as stored now. */
	set(key: string, value: V, expiresAt: number, nowMs: number): void {
		this.entries.delete(key);
		this.dropExpired(nowMs);
		while (this.entries.size >= this.maxEntries) {
			const oldest = this.entries.keys().next().value as string;
			this.entries.delete(oldest);
		}
		this.entries.set(key, { value, expiresAt });
	}

	delete(key: string): void {
		this.entries.delete(key);
	}

	/** Drops expired entries from the oldest end, stopping at the first live one (cheap). */
	private dropExpired(nowMs: number): void {
		for (const [key, entry] of this.entries) {
			if (entry.expiresAt > nowMs) return;
			this.entries.delete(key);
		}
	}
}

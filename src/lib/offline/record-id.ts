const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A PocketBase-compatible record id: 15 chars of `[a-z0-9]` from the platform CSPRNG. */
export function newRecordId(): string {
	// 252 is the largest multiple of 36 below 256: rejecting bytes above it keeps the ids unbiased.
	let id = '';
	while (id.length < 15) {
		const bytes = crypto.getRandomValues(new Uint8Array(24));
		for (const byte of bytes) {
			if (byte < 252 && id.length < 15) id += ALPHABET[byte % 36];
		}
	}
	return id;
}

/** A random UUID for outbox entries. */
export function newOpId(): string {
	return crypto.randomUUID();
}

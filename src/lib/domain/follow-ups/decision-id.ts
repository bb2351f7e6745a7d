// The id of a follow-up decision, derived from its owner and prompt id: every device of a user
// names the decision on a prompt the same, so two devices deciding it offline both create that
// one record (the server answers the second create as an update of the first) and the server's
// unique (owner, promptId) index never refuses a device's own decision. Pure, no dependencies.

const FNV_PRIME = 0x01000193;
const FNV_OFFSET = 0x811c9dc5;
/** Seeds of the three hashes (any distinct odd constants). */
const SEEDS = [0x9e3779b9, 0x85ebca6b, 0xc2b2ae35] as const;

/** FNV-1a (32 bits) of the string's UTF-16 code units, from a seeded start, then avalanched. */
function hash32(input: string, seed: number): number {
	let h = (FNV_OFFSET ^ seed) >>> 0;
	for (let i = 0; i < input.length; i++) {
		h ^= input.charCodeAt(i);
		h = Math.imul(h, FNV_PRIME);
	}
	// murmur3's finaliser: every input bit reaches every output bit.
	h ^= h >>> 16;
	h = Math.imul(h, 0x85ebca6b);
	h ^= h >>> 13;
	h = Math.imul(h, 0xc2b2ae35);
	h ^= h >>> 16;
	return h >>> 0;
}

/** 7 base-36 characters hold any 32-bit value (36^7 > 2^32). */
function base36(value: number, width: number): string {
	return value.toString(36).padStart(width, '0');
}

/**
 * The decision id for `owner` and `promptId`: 15 characters of [a-z0-9] (a PocketBase record id),
 * the same on every device and at every call (69 bits: two 32-bit hashes and a third's 5).
 */
export function decisionId(owner: string, promptId: string): string {
	// The owner is a 15-character id, so `owner:promptId` never reads two ways.
	const input = `${owner}:${promptId}`;
	const [a, b, c] = SEEDS.map((seed) => hash32(input, seed)) as [number, number, number];
	return base36(a, 7) + base36(b, 7) + base36(c % 36, 1);
}

// The invariants of imported-contact.ts as one check, for every spec that reads contacts.
import { expect } from 'vitest';
import { CARD_LIMITS, isSafeUrl } from '../card';
import { IMPORT_LIMITS, type ImportedContact } from '../imported-contact';

const FORBIDDEN = /[\p{Cc}\p{Cs}\u202A-\u202E\u2066-\u2069\uFEFF]/u;

/** Fails unless every field is clean, NFC and within its limit, and every link is safe. */
export function expectClean(contacts: readonly ImportedContact[]): void {
	for (const c of contacts) {
		for (const [text, max] of [
			[c.name, CARD_LIMITS.name],
			[c.headline, CARD_LIMITS.headline],
			[c.company, CARD_LIMITS.company]
		] as const) {
			expect(FORBIDDEN.test(text)).toBe(false);
			expect([...text].length).toBeLessThanOrEqual(max);
			expect(text).toBe(text.normalize('NFC').trim());
		}
		expect(FORBIDDEN.test(c.note.replace(/\n/g, ''))).toBe(false);
		expect([...c.note].length).toBeLessThanOrEqual(IMPORT_LIMITS.note);
		expect(c.links.length).toBeLessThanOrEqual(CARD_LIMITS.links);
		expect(new Set(c.links.map((l) => l.url)).size).toBe(c.links.length);
		for (const link of c.links) {
			expect(isSafeUrl(link.url)).toBe(true);
			expect(link.url).toMatch(/^(https?:\/\/|mailto:|tel:)/);
			if (link.url.startsWith('http')) expect(new URL(link.url).username).toBe('');
			if (link.label !== undefined) {
				expect(link.label.length).toBeLessThanOrEqual(CARD_LIMITS.label);
				expect(FORBIDDEN.test(link.label)).toBe(false);
			}
		}
	}
}

// The invariants of imported-contact.ts as one check, for every spec that reads contacts. It
// collects what is wrong and asserts once, so checking 10,000 contacts stays cheap.
import { expect } from 'vitest';
import { CARD_LIMITS, isSafeUrl } from '../card';
import {
	IMPORT_LIMITS,
	SNAPSHOT_BYTES,
	snapshotBytes,
	type ImportedContact
} from '../imported-contact';

const FORBIDDEN = /[\p{Cc}\p{Cs}\u202A-\u202E\u2066-\u2069\uFEFF]/u;

/** What is wrong with one contact, as short sentences; [] when it keeps every invariant. */
export function contactViolations(c: ImportedContact): string[] {
	const wrong: string[] = [];
	for (const [field, text, max] of [
		['name', c.name, CARD_LIMITS.name],
		['headline', c.headline, CARD_LIMITS.headline],
		['company', c.company, CARD_LIMITS.company]
	] as const) {
		if (FORBIDDEN.test(text)) wrong.push(`${field} holds a forbidden character`);
		if ([...text].length > max) wrong.push(`${field} is too long`);
		if (text !== text.normalize('NFC').trim()) wrong.push(`${field} is not NFC and trimmed`);
	}
	if (FORBIDDEN.test(c.note.replace(/\n/g, ''))) wrong.push('note holds a forbidden character');
	if ([...c.note].length > IMPORT_LIMITS.note) wrong.push('note is too long');
	if (c.links.length > CARD_LIMITS.links) wrong.push('too many links');
	if (new Set(c.links.map((l) => l.url)).size !== c.links.length) wrong.push('a link twice');
	if (snapshotBytes(c) > SNAPSHOT_BYTES) wrong.push('snapshot too large');
	for (const link of c.links) {
		if (!isSafeUrl(link.url) || !/^(https?:\/\/|mailto:|tel:)/.test(link.url)) {
			wrong.push(`unsafe link ${JSON.stringify(link.url)}`);
		} else if (link.url.startsWith('http') && new URL(link.url).username !== '') {
			wrong.push(`link with a login ${JSON.stringify(link.url)}`);
		}
		if (link.label !== undefined) {
			if (link.label.length > CARD_LIMITS.label) wrong.push('label too long');
			if (FORBIDDEN.test(link.label) || link.label.trim() === '') wrong.push('label not clean');
		}
	}
	return wrong;
}

/** Fails unless every field is clean, NFC and within its limit, and every link is safe. */
export function expectClean(contacts: readonly ImportedContact[]): void {
	const wrong = contacts.flatMap((c) => contactViolations(c).map((w) => `${c.name}: ${w}`));
	expect(wrong).toEqual([]);
}

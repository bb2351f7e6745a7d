// What an import (a .vcf file, LinkedIn's Connections.csv) or a scanned code from another app
// makes of a person: an ImportedContact, ready to become a contact without an account (a
// snapshot). Invariants, whatever the input: every text field is NFC, trimmed, and holds no
// control, bidi embedding/override/isolate, BOM or lone surrogate; name, headline and company are
// one line within CARD_LIMITS (code points), the note within IMPORT_LIMITS.note; every link passes
// isSafeUrl (http(s), mailto:, tel: only; imported-links.ts makes them, finishContact checks
// again), a web link carries no user name or password, no link appears twice, a label is one
// line within CARD_LIMITS.label, and there are at most
// CARD_LIMITS.links links, fewer when more would make its snapshot larger than the server keeps
// (SNAPSHOT_BYTES). Nothing here throws. The screens still escape every field: this only
// guarantees shape and scheme.
import { CARD_LIMITS, codePointLength, isSafeUrl, type CardLink } from './card';
import type { Snapshot } from './records';

export type ImportSource = 'vcard' | 'linkedin' | 'scan';

/**
 * The channel the contact is filed under. Connection channels have no `imported` yet (records.ts:
 * in_person, online, workplace); files propose it, a scanned badge is someone met in person.
 */
export type ImportedChannel = 'imported' | 'in_person';

export interface ImportedContact {
	/** Never '' from a file (such a card is skipped); '' only for a scanned plain link. */
	name: string;
	headline: string;
	company: string;
	links: CardLink[];
	/** What the other app held as a note (NOTE, a MECARD's NOTE), multi-line. */
	note: string;
	/** ISO 8601 time of connecting (LinkedIn's "Connected On" at 12:00 UTC), '' when unknown. */
	metAt: string;
	source: ImportSource;
	channel: ImportedChannel;
}

export const IMPORT_LIMITS = {
	/** The largest file read (in UTF-8 bytes). */
	fileBytes: 10 * 1024 * 1024,
	/** The most vCards in one file. */
	cards: 10_000,
	/** The most rows in a Connections.csv: LinkedIn's own cap on connections. */
	rows: 30_000,
	/** A note's length in code points (as a share-back's note: it goes into the snapshot). */
	note: 500
} as const;

/**
 * The most a contact's snapshot may take as stored JSON: the server's `snapshot` field holds 8,000
 * bytes, and some room is left for how the server writes it (Go escapes `<`, `>` and `&`).
 */
export const SNAPSHOT_BYTES = 7600;

/** The snapshot a contact without an account is saved with (what the People screens read). */
export function snapshotOf(contact: ImportedContact): Snapshot {
	return {
		name: contact.name,
		headline: contact.headline,
		company: contact.company,
		canHelpWith: '',
		lookingFor: '',
		links: contact.links,
		photoUrl: '',
		note: contact.note
	};
}

/**
 * The size of a contact's snapshot as the server stores it (`<`, `>` and `&` as \u003c…), or an
 * upper bound of it when that bound is within SNAPSHOT_BYTES.
 */
export function snapshotBytes(contact: ImportedContact): number {
	// A UTF-16 unit is at most 6 bytes stored (`\u003c`): most contacts are far below the budget.
	const units = [contact.name, contact.headline, contact.company, contact.note]
		.concat(contact.links.flatMap((l) => [l.url, l.label ?? '']))
		.reduce((sum, text) => sum + text.length, 0);
	const bound = 6 * units + 200 + 40 * contact.links.length;
	if (bound <= SNAPSHOT_BYTES) return bound;
	const json = JSON.stringify(snapshotOf(contact));
	return new TextEncoder().encode(json).length + 5 * (json.match(/[<>&]/g)?.length ?? 0);
}

/** A card or row left out (isSkipped) or kept with something dropped or shortened. */
export interface ImportProblem {
	/** The card's or data row's position in the file, from 0. */
	index: number;
	/** The physical line it begins on, from 1. */
	line: number;
	message: string;
	isSkipped: boolean;
}

export type ImportRefusalReason =
	'too_large' | 'too_many' | 'empty' | 'binary' | 'archive' | 'wrong_format';

/** A whole file refused (nothing read from it) or read: the contacts and what went wrong. */
export type ImportResult =
	| { ok: true; contacts: ImportedContact[]; problems: ImportProblem[] }
	| { ok: false; reason: ImportRefusalReason; message: string };

const FORBIDDEN = /[\p{Cc}\p{Cs}\u202A-\u202E\u2066-\u2069\uFEFF]/gu;
const HAS_FORBIDDEN = /[\p{Cc}\p{Cs}\u202A-\u202E\u2066-\u2069\uFEFF]/u;
const FORBIDDEN_BUT_NEWLINE =
	// eslint-disable-next-line no-control-regex -- removing control characters is the point
	/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\p{Cs}\u202A-\u202E\u2066-\u2069\uFEFF]/gu;
const LINE_BREAK = /\r\n?|[\u0085\u2028\u2029]/g;
const SEGMENTER =
	typeof Intl !== 'undefined' && 'Segmenter' in Intl
		? new Intl.Segmenter(undefined, { granularity: 'grapheme' })
		: null;

interface Fitted {
	text: string;
	isCut: boolean;
}

/** Keeps whole user-perceived characters while `measure` of the kept text stays within max. */
function cutTo(text: string, max: number, measure: (s: string) => number): Fitted {
	if (measure(text) <= max) return { text, isCut: false };
	const pieces = SEGMENTER ? Array.from(SEGMENTER.segment(text), (s) => s.segment) : [...text];
	let kept = '';
	for (const piece of pieces) {
		if (measure(kept + piece) > max) break;
		kept += piece;
	}
	return { text: kept.trimEnd(), isCut: true };
}

/** Far more input than any limit needs is never cleaned, so a 10 MB cell costs nothing. */
const CAP_FACTOR = 16;

/** One line of text, cleaned (see the header) and cut to `max` code points. */
function fitLine(raw: string, max: number): Fitted {
	const isCapped = raw.length > max * CAP_FACTOR;
	const text = (isCapped ? raw.slice(0, max * CAP_FACTOR) : raw)
		.replace(FORBIDDEN, ' ')
		.replace(/\s+/gu, ' ')
		.trim()
		.normalize('NFC');
	const fitted = cutTo(text, max, codePointLength);
	return { text: fitted.text, isCut: fitted.isCut || isCapped };
}

/** Multi-line text, cleaned: line breaks become \n, at most one blank line in a row. */
function fitNote(raw: string, max: number): Fitted {
	const isCapped = raw.length > max * CAP_FACTOR;
	const text = (isCapped ? raw.slice(0, max * CAP_FACTOR) : raw)
		.replace(LINE_BREAK, '\n')
		.replace(FORBIDDEN_BUT_NEWLINE, ' ')
		.replace(/[^\S\n]+/gu, ' ')
		.replace(/ ?\n ?/g, '\n')
		.replace(/\n{3,}/g, '\n\n')
		.trim()
		.normalize('NFC');
	const fitted = cutTo(text, max, codePointLength);
	return { text: fitted.text, isCut: fitted.isCut || isCapped };
}

/** One line of text, cleaned (see the header) and cut to `max` code points. */
export function cleanLine(raw: string, max: number): string {
	return fitLine(raw, max).text;
}

/** A link's label: one line within CARD_LIMITS.label UTF-16 units (as the server counts it). */
export function cleanLabel(raw: string): string {
	return cutTo(cleanLine(raw, CARD_LIMITS.label), CARD_LIMITS.label, (s) => s.length).text;
}

/** True when text holds a character the header forbids (a link holding one is refused whole). */
export function hasForbidden(text: string): boolean {
	return HAS_FORBIDDEN.test(text);
}

/** A note, cleaned (see the header) and cut to `max` code points. */
export function cleanNote(raw: string, max: number = IMPORT_LIMITS.note): string {
	return fitNote(raw, max).text;
}

/** A person as a reader collects them, before the limits are applied. */
export interface ContactDraft {
	name: string;
	headline: string;
	company: string;
	note: string;
	metAt: string;
	links: CardLink[];
	/** Links the card had that are not http(s), mailto or tel, or that are malformed. */
	droppedLinks: number;
}

export function newDraft(): ContactDraft {
	return { name: '', headline: '', company: '', note: '', metAt: '', links: [], droppedLinks: 0 };
}

/** Adds a link a reader made (null: one it could not keep, counted for the person's report). */
export function addLink(draft: ContactDraft, link: CardLink | null): void {
	if (link === null) draft.droppedLinks += 1;
	else draft.links.push(link);
}

export interface FinishOptions {
	source: ImportSource;
	/** How the report names the card: "Card 3 (line 20)", "This code". */
	where: string;
	/** False for a scanned plain link: the screen asks for the name. */
	isNameRequired?: boolean;
}

export interface FinishedContact {
	/** Null when the card is left out (it has no name). */
	contact: ImportedContact | null;
	/** A sentence for a person: why it was left out, or what was dropped; '' when nothing was. */
	message: string;
}

/** Applies the invariants of the header to a draft and says what it dropped or shortened. */
export function finishContact(draft: ContactDraft, options: FinishOptions): FinishedContact {
	const shortened: string[] = [];
	const fit = (value: string, max: number, field: string, isNote = false) => {
		const fitted = isNote ? fitNote(value, max) : fitLine(value, max);
		if (fitted.isCut) shortened.push(`the ${field} to ${max} characters`);
		return fitted.text;
	};
	const name = fit(draft.name, CARD_LIMITS.name, 'name');
	if (name === '' && options.isNameRequired !== false) {
		return { contact: null, message: `${options.where} has no name, so it was left out.` };
	}
	// The readers only add links imported-links.ts made; checked again, so no reader can slip.
	const safe = draft.links.filter(
		(l) => isSafeUrl(l.url) && (l.label === undefined || l.label === cleanLabel(l.label))
	);
	const dropped = draft.droppedLinks + draft.links.length - safe.length;
	const seen = new Set<string>();
	const unique = safe.filter((link) => !seen.has(link.url) && !!seen.add(link.url));
	const contact: ImportedContact = {
		name,
		headline: fit(draft.headline, CARD_LIMITS.headline, 'headline'),
		company: fit(draft.company, CARD_LIMITS.company, 'company'),
		links: unique.slice(0, CARD_LIMITS.links),
		note: fit(draft.note, IMPORT_LIMITS.note, 'note', true),
		metAt: draft.metAt,
		source: options.source,
		channel: options.source === 'scan' ? 'in_person' : 'imported'
	};
	// Only pathological links (ten long ones with long labels) can outgrow the snapshot.
	while (contact.links.length > 0 && snapshotBytes(contact) > SNAPSHOT_BYTES) contact.links.pop();
	const parts: string[] = [];
	if (dropped > 0) {
		parts.push(
			`${dropped === 1 ? '1 link was' : `${dropped} links were`} left out (only web addresses, email addresses and phone numbers are kept)`
		);
	}
	if (unique.length > contact.links.length) {
		parts.push(
			`it had ${unique.length} links, so only the first ${contact.links.length} were kept`
		);
	}
	if (shortened.length > 0) parts.push(`shortened ${shortened.join(', ')}`);
	// A scan's person is on the screen already; a file's is named among thousands.
	const who =
		contact.name && options.source !== 'scan' ? `${options.where}, ${contact.name}` : options.where;
	return { contact, message: parts.length > 0 ? `${who}: ${parts.join('; ')}.` : '' };
}

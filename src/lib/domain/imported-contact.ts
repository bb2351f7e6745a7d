// What an import (a .vcf file, LinkedIn's Connections.csv) or a scanned code from another app
// makes of a person: an ImportedContact, ready to become a contact without an account (a
// snapshot). Invariants, whatever the input: every text field is NFC, trimmed, and holds no
// control, bidi embedding/override/isolate, BOM or lone surrogate; name, headline and company are
// one line within CARD_LIMITS (code points), the note within IMPORT_LIMITS.note; every link passes
// isSafeUrl (http(s), mailto:, tel: only), a web link carries no user name or password, no link
// appears twice, a label is one line within CARD_LIMITS.label, and there are at most
// CARD_LIMITS.links links. Nothing here throws. The screens still escape every field: this only
// guarantees shape and scheme.
import { CARD_LIMITS, codePointLength, isSafeUrl, type CardLink, type LinkKind } from './card';

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

/** A note, cleaned (see the header) and cut to `max` code points. */
export function cleanNote(raw: string, max: number = IMPORT_LIMITS.note): string {
	return fitNote(raw, max).text;
}

/** A link's label: one line within CARD_LIMITS.label UTF-16 units (as the server counts it). */
function withLabel(kind: LinkKind, url: string, label: string): CardLink {
	const text = cutTo(cleanLine(label, CARD_LIMITS.label), CARD_LIMITS.label, (s) => s.length).text;
	return text ? { kind, label: text, url } : { kind, url };
}

const LOCAL_PART = String.raw`[^\s@<>"(),;:\\[\]?#&/%]+`;
const DOMAIN_LABEL = String.raw`[^\s@<>"(),;:\\[\]?#&/%.]+`;
/** An address as a person would write it; no query, fragment or second @ that mailto: would read. */
const EMAIL_ADDRESS = new RegExp(`^${LOCAL_PART}@(?:${DOMAIN_LABEL}\\.)+${DOMAIN_LABEL}$`, 'u');

/** An email link (`mailto:<address>`) from an address as a card holds it, or null. */
export function emailLink(raw: string, label = ''): CardLink | null {
	let address = cleanLine(raw, CARD_LIMITS.url);
	address = /<([^<>]*)>$/.exec(address)?.[1]?.trim() ?? address;
	if (/^mailto:/i.test(address)) address = percentDecoded(address.slice(7).split('?')[0] ?? '');
	if (!EMAIL_ADDRESS.test(address)) return null;
	const url = `mailto:${address}`;
	return isSafeUrl(url) ? withLabel('email', url, label) : null;
}

/** A phone link (`tel:<number>`) without extension or pauses; null for letters or too few digits. */
export function phoneLink(raw: string, label = ''): CardLink | null {
	const number = cleanLine(raw, 100)
		.normalize('NFKC')
		.replace(/^tel:/i, '')
		.replace(/\s*(?:[;,#]|\bext\b|\bextension\b|\bx\s*\d|\bp\d|\bw\d).*$/i, '')
		// Dashes of every kind, the minus sign, and the long vowel mark Japanese numbers are written with.
		.replace(/[\p{Pd}\u2212\u30fc\uff70]/gu, '-')
		.replace(/\s+/g, ' ')
		.trim();
	if (!/^\+?[0-9 ()./-]{3,30}$/.test(number) || number.replace(/\D/g, '').length < 3) return null;
	const url = `tel:${number}`;
	return isSafeUrl(url) ? withLabel('phone', url, label) : null;
}

/** True for linkedin.com and its country hosts (de.linkedin.com, www.linkedin.com…). */
export function isLinkedInHost(hostname: string): boolean {
	const host = hostname.toLowerCase();
	return host === 'linkedin.com' || host.endsWith('.linkedin.com');
}

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const BARE_HOST = /^(?:[a-z0-9-]+\.)+[a-z]{2,}(?::\d{1,5})?(?:[/?#]|$)/i;

export interface WebLinkOptions {
	/** Reads `example.org/ann` as https://example.org/ann (files; a scanned code needs its scheme). */
	isBareAllowed?: boolean;
	label?: string;
}

/**
 * A web link as the URL parser writes it (host in punycode, path percent-encoded): http(s) only,
 * with a host, without user name or password (`https://linkedin.com@evil.example` is refused),
 * never a character that could make the address lie about itself. Null otherwise.
 */
export function webLink(raw: string, options: WebLinkOptions = {}): CardLink | null {
	if (raw.length > CARD_LIMITS.url * 4) return null;
	if (HAS_FORBIDDEN.test(raw)) return null;
	let candidate = raw.trim();
	// What the server's SAFE_URL refuses raw is refused here too, not quietly percent-encoded.
	if (/[\s<>"]/.test(candidate)) return null;
	const scheme = SCHEME.exec(candidate)?.[1]?.toLowerCase();
	const isHostAndPort = scheme !== undefined && BARE_HOST.test(candidate);
	if (scheme === undefined || (isHostAndPort && scheme !== 'http' && scheme !== 'https')) {
		if (!options.isBareAllowed || !BARE_HOST.test(candidate)) return null;
		candidate = `https://${candidate}`;
	}
	let url: URL;
	try {
		url = new URL(candidate);
	} catch {
		return null;
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
	if (url.username !== '' || url.password !== '' || url.hostname === '') return null;
	if (!isSafeUrl(url.href)) return null;
	return withLabel(
		isLinkedInHost(url.hostname) ? 'linkedin' : 'website',
		url.href,
		options.label ?? ''
	);
}

/** Percent-decodes, keeping the raw text when it is not valid encoding. */
export function percentDecoded(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
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
	const seen = new Set<string>();
	const unique = draft.links.filter((link) => !seen.has(link.url) && !!seen.add(link.url));
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
	const parts: string[] = [];
	if (draft.droppedLinks > 0) {
		parts.push(
			`${draft.droppedLinks === 1 ? '1 link was' : `${draft.droppedLinks} links were`} left out (only web addresses, email addresses and phone numbers are kept)`
		);
	}
	if (unique.length > CARD_LIMITS.links) {
		parts.push(`it had ${unique.length} links, so only the first ${CARD_LIMITS.links} were kept`);
	}
	if (shortened.length > 0) parts.push(`shortened ${shortened.join(', ')}`);
	const who = contact.name ? `${options.where} (${contact.name})` : options.where;
	return { contact, message: parts.length > 0 ? `${who}: ${parts.join('; ')}.` : '' };
}

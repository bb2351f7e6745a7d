// Codes that are not Tend codes, from the scanner: a badge's or another app's vCard QR, a MECARD
// (or ZXing's BIZCARD) QR, or a plain http(s) link (a LinkedIn profile, any other page as a
// website). Invariants: never throws; a contact returned keeps the invariants of
// imported-contact.ts (only http(s), mailto: and tel: links; text cleaned and within the limits)
// and nothing here opens anything. decodeAnyScan asks event-code.ts first and returns its event
// and person results unchanged; of its junk, a Tend-shaped link (`<origin>/c#…`, `<origin>/join…`)
// or any link to an expected origin keeps Tend's own sentence, as does a format read nowhere here
// (Wi-Fi, calendar, geo, mailto:, scripts); only the formats above become a contact or a sentence
// of their own.
import { decodeScannedText, type ScannedCode } from './event-code';
import {
	addLink,
	cleanLine,
	finishContact,
	newDraft,
	type ContactDraft,
	type ImportedContact
} from './imported-contact';
import { emailLink, phoneLink, webLink } from './imported-links';
import { readVCardText } from './import-vcard';
import type { DecodeOptions } from './swap-decode';
import { originOf } from './swap-payload';

/** More than a QR code holds (2,953 bytes at most): not read. */
export const MAX_FOREIGN_CHARS = 8000;

export type ForeignJunkReason = 'too_long' | 'no_details' | 'unsafe_link';

export type ForeignCode =
	| {
			kind: 'contact';
			contact: ImportedContact;
			/** What was left out or shortened, as a sentence; '' when nothing was. */
			message: string;
	  }
	| { kind: 'junk'; reason: ForeignJunkReason; message: string };

export type AnyScan =
	| Exclude<ScannedCode, { kind: 'junk' }>
	| Extract<ForeignCode, { kind: 'contact' }>
	| {
			kind: 'junk';
			reason: Extract<ScannedCode, { kind: 'junk' }>['reason'] | ForeignJunkReason;
			message: string;
	  };

const MESSAGES: Record<ForeignJunkReason, string> = {
	too_long: 'This code holds far more than a contact card does, so it was not read.',
	no_details: 'This contact card has no name, so there is nobody to add.',
	unsafe_link:
		'This link cannot be kept safely (it is malformed, too long or hides a login), so it was not read.'
};

const junk = (reason: ForeignJunkReason): ForeignCode => ({
	kind: 'junk',
	reason,
	message: MESSAGES[reason]
});

/** A Tend swap code or poster link, however damaged: Tend's decoder has the right sentence. */
const TEND_LINK = /^https?:\/\/[^/?#\s]*\/(?:c#|join(?:[/?#]|$))/i;

/**
 * Reads a scanned code: an event poster or a person's Tend code exactly as decodeScannedText
 * does, else a contact from another app's code, else junk with a sentence. Never throws.
 */
export function decodeAnyScan(text: unknown, options: DecodeOptions = {}): AnyScan {
	const tend = decodeScannedText(text, options);
	if (tend.kind !== 'junk' || typeof text !== 'string') return tend;
	try {
		const trimmed = text.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
		if (TEND_LINK.test(trimmed) || isExpectedOrigin(trimmed, options)) return tend;
		return decodeForeignCode(trimmed) ?? tend;
	} catch {
		return tend;
	}
}

/** True for a link to one of the origins this app trusts: the app's own page, not a person's. */
function isExpectedOrigin(text: string, options: DecodeOptions): boolean {
	const origin = /^https?:\/\/[^/?#\s]+/i.exec(text)?.[0];
	if (!origin || !options.expectedOrigins) return false;
	const normalised = originOf(origin);
	return options.expectedOrigins.some((o) => o.replace(/\/+$/, '').toLowerCase() === normalised);
}

/** A contact (or a sentence) from a vCard, MECARD, BIZCARD or http(s) link; null for anything else. */
export function decodeForeignCode(text: string): ForeignCode | null {
	const trimmed = text.trim();
	const kind = /^BEGIN:VCARD/i.test(trimmed)
		? 'vcard'
		: /^MECARD:/i.test(trimmed)
			? 'mecard'
			: /^BIZCARD:/i.test(trimmed)
				? 'bizcard'
				: /^https?:\/\/\S+$/i.test(trimmed)
					? 'link'
					: null;
	if (kind === null) return null;
	if (trimmed.length > MAX_FOREIGN_CHARS) return junk('too_long');
	if (kind === 'vcard') return fromVCard(trimmed);
	if (kind === 'link') return fromLink(trimmed);
	return fromDraft(kind === 'mecard' ? meCardDraft(trimmed) : bizCardDraft(trimmed));
}

function fromVCard(text: string): ForeignCode {
	const result = readVCardText(text, { source: 'scan', isUnterminatedKept: true });
	const contact = result.ok ? result.contacts[0] : undefined;
	if (!result.ok || !contact) return junk('no_details');
	const message = result.problems.find((p) => p.index === 0)?.message ?? '';
	return {
		kind: 'contact',
		contact,
		message: message.replace(/^Card 1 \(line \d+\)/, 'This card')
	};
}

function fromDraft(draft: ContactDraft): ForeignCode {
	const { contact, message } = finishContact(draft, { source: 'scan', where: 'This card' });
	return contact ? { kind: 'contact', contact, message } : junk('no_details');
}

function fromLink(text: string): ForeignCode {
	const parsed = webLink(text);
	if (parsed === null) return junk('unsafe_link');
	// LinkedIn's app shares a profile with tracking parameters (?utm_source=share…): the profile is the path.
	const profile =
		parsed.kind === 'linkedin' && /^https?:\/\/[^/]+\/in\/[^?#]+/i.exec(parsed.url)?.[0];
	const link = profile ? { ...parsed, url: profile } : parsed;
	const draft = newDraft();
	draft.name = link.kind === 'linkedin' ? nameFromProfile(link.url) : '';
	draft.links.push(link);
	const { contact, message } = finishContact(draft, {
		source: 'scan',
		where: 'This link',
		isNameRequired: false
	});
	return contact ? { kind: 'contact', contact, message } : junk('unsafe_link');
}

/**
 * A name guessed from a LinkedIn profile's slug: `/in/ann-lee-4b2a19` → "Ann Lee" (parts with a
 * digit are LinkedIn's disambiguators, left out). '' when there is no slug. The screen lets the
 * person correct it.
 */
export function nameFromProfile(url: string): string {
	const slug = /^https?:\/\/[^/]+\/in\/([^/?#]+)/i.exec(url)?.[1];
	if (!slug) return '';
	let words: string[];
	try {
		words = decodeURIComponent(slug).split(/[-_]+/).filter(Boolean);
	} catch {
		return '';
	}
	const name = words
		.filter((w) => !/\d/.test(w))
		.map((w) => w.charAt(0).toLocaleUpperCase('en') + w.slice(1))
		.join(' ');
	return cleanLine(name, 80);
}

/**
 * `KEY:value;KEY:value;;` fields, split at unescaped `;` (a backslash escapes `\ ; : , "`), each
 * value unescaped after splitting. Keys upper case; a key may repeat.
 */
function meCardFields(body: string): [string, string][] {
	const fields: [string, string][] = [];
	for (const raw of splitUnescaped(body, ';')) {
		const colon = raw.indexOf(':');
		if (colon <= 0) continue;
		fields.push([raw.slice(0, colon).trim().toUpperCase(), raw.slice(colon + 1)]);
	}
	return fields;
}

/** Splits at `separator` where no backslash escapes it; the pieces keep their escapes. */
function splitUnescaped(text: string, separator: string): string[] {
	const parts: string[] = [];
	let from = 0;
	for (let i = 0; i < text.length; i++) {
		if (text[i] === '\\') i += 1;
		else if (text[i] === separator) {
			parts.push(text.slice(from, i));
			from = i + 1;
		}
	}
	parts.push(text.slice(from));
	return parts;
}

const firstEmail = (draft: ContactDraft) =>
	draft.links.find((l) => l.kind === 'email')?.url.slice('mailto:'.length) ?? '';

const unescapeMeCard = (text: string) => text.replace(/\\([\s\S])/g, '$1');

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** MECARD (DoCoMo): N is `family,given`; TEL, EMAIL and URL may repeat. */
function meCardDraft(text: string): ContactDraft {
	const draft = newDraft();
	let nickname = '';
	const notes: string[] = [];
	for (const [key, raw] of meCardFields(text.slice('MECARD:'.length))) {
		const value = unescapeMeCard(raw);
		if (key === 'N' && !draft.name) {
			const [family = '', given = ''] = splitUnescaped(raw, ',').map(unescapeMeCard);
			draft.name = CJK.test(family + given)
				? `${family}${given}`
				: [given.trim(), family.trim()].filter(Boolean).join(' ');
		} else if (key === 'NICKNAME') nickname ||= value;
		else if (key === 'ORG') draft.company ||= value;
		else if (key === 'TITLE') draft.headline ||= value;
		else if (key === 'NOTE') notes.push(value);
		else if (key === 'TEL' || key === 'TEL-AV') addLink(draft, phoneLink(value));
		else if (key === 'EMAIL') addLink(draft, emailLink(value));
		else if (key === 'URL') addLink(draft, webLink(value, { isBareAllowed: true }));
	}
	draft.name ||= nickname || draft.company || firstEmail(draft);
	draft.note = notes.join('\n');
	return draft;
}

/** BIZCARD (ZXing): N first name, X last name, T title, C company, B/M phones, E email. */
function bizCardDraft(text: string): ContactDraft {
	const draft = newDraft();
	let first = '';
	let last = '';
	for (const [key, raw] of meCardFields(text.slice('BIZCARD:'.length))) {
		const value = unescapeMeCard(raw);
		if (key === 'N') first ||= value;
		else if (key === 'X') last ||= value;
		else if (key === 'T') draft.headline ||= value;
		else if (key === 'C') draft.company ||= value;
		else if (key === 'B' || key === 'M') addLink(draft, phoneLink(value));
		else if (key === 'E') addLink(draft, emailLink(value));
	}
	draft.name =
		[first.trim(), last.trim()].filter(Boolean).join(' ') || draft.company || firstEmail(draft);
	return draft;
}

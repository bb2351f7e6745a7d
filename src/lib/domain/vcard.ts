// vCard 3.0 (RFC 2426) export of cards, for "Save contact" and "export all".
// Invariant: the output is CRLF-terminated, every physical line is at most 75 octets (folded
// without splitting a UTF-8 character or an escape), text values are escaped (\\ \, \; \n) and
// hold no raw line break of any kind (NEL, U+2028 and U+2029 included), and only links that pass
// the server's safe-URL rule are written.
import { isSafeUrl, type CardFields } from './card';

/** A card as the export needs it: a name and whatever else is known. */
export type VCardCard = Pick<CardFields, 'name'> & Partial<Omit<CardFields, 'name'>>;

export interface VCardPhoto {
	/** The image bytes in base64 (no data: prefix). */
	base64: string;
	/** A MIME type ("image/jpeg") or a vCard type ("JPEG"). */
	type: string;
}

export interface VCardOptions {
	photo?: VCardPhoto;
	/** Free text added to NOTE after the card's own fields (e.g. my memory note). */
	note?: string;
	/** A stable id for the contact (e.g. the card id), so re-importing updates it. */
	uid?: string;
}

export interface VCardEntry extends VCardOptions {
	card: VCardCard;
}

const MAX_LINE_OCTETS = 75;
const PHOTO_TYPES: Record<string, string> = {
	jpeg: 'JPEG',
	jpg: 'JPEG',
	png: 'PNG',
	gif: 'GIF',
	webp: 'WEBP'
};

/** Every line break a reader may split on: CRLF, CR, LF, NEL, U+2028 and U+2029. */
const LINE_BREAK = /\r\n?|[\n\u0085\u2028\u2029]/g;
/** Other C0 and C1 controls (\v and \f included): nothing a name or a note needs. */
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;
/** A surrogate without its pair has no UTF-8: it becomes U+FFFD here, not by accident later. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** What may not stand raw in a uri value: controls and every line break. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const URL_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * Escapes a TEXT value (RFC 2426, RFC 6350 §3.4): every line break becomes `\n` (a space in a
 * single-line value), so no reader, whichever breaks it splits on, sees a line the card lacks.
 */
export function escapeText(text: string, isMultiline = false): string {
	const lines = text
		.replace(LINE_BREAK, '\n')
		.replace(CONTROL, ' ')
		.replace(LONE_SURROGATE, '\uFFFD');
	const oneLine = isMultiline ? lines : lines.replace(/\n/g, ' ');
	return oneLine.replace(/[\\,;\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}

/** UTF-8 octets of a code point (a lone surrogate is written as U+FFFD: 3). */
function utf8Size(codePoint: number): number {
	return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/** True for the code points a regular expression's `.` does not match. */
function isLineTerminator(codePoint: number): boolean {
	return codePoint === 0x0a || codePoint === 0x0d || codePoint === 0x2028 || codePoint === 0x2029;
}

/**
 * Folds one content line into physical lines of at most 75 octets, joined by CRLF + space. One
 * pass over the code units, sizes counted by hand: 5,000 cards fold in milliseconds.
 */
export function foldLine(line: string): string {
	// 25 UTF-16 units are at most 75 octets (3 a unit at most: an astral character is 2 and 4).
	if (line.length <= 25) return line;
	const out: string[] = [];
	let start = 0;
	let octets = 0;
	let i = 0;
	while (i < line.length) {
		// An escape pair or a single code point is never split.
		const codePoint = line.codePointAt(i) ?? 0;
		let units = codePoint > 0xffff ? 2 : 1;
		let size = utf8Size(codePoint);
		if (codePoint === 0x5c && i + 1 < line.length) {
			const next = line.codePointAt(i + 1) ?? 0;
			if (!isLineTerminator(next)) {
				units += next > 0xffff ? 2 : 1;
				size += utf8Size(next);
			}
		}
		const limit = out.length === 0 ? MAX_LINE_OCTETS : MAX_LINE_OCTETS - 1;
		if (octets + size > limit) {
			out.push(line.slice(start, i));
			start = i;
			octets = 0;
		}
		octets += size;
		i += units;
	}
	out.push(line.slice(start));
	return out.join('\r\n ');
}

/** Splits a display name into N's family and given parts at the last space. */
function nameParts(name: string): [family: string, given: string] {
	const trimmed = name.trim();
	const at = trimmed.lastIndexOf(' ');
	return at < 0 ? [trimmed, ''] : [trimmed.slice(at + 1), trimmed.slice(0, at)];
}

/** The NOTE text: what they can help with, what they look for, then the caller's note. */
function noteText(card: VCardCard, note: string | undefined): string {
	const parts: string[] = [];
	if (card.canHelpWith?.trim()) parts.push(`Can help with: ${card.canHelpWith.trim()}`);
	if (card.lookingFor?.trim()) parts.push(`Looking for: ${card.lookingFor.trim()}`);
	if (note?.trim()) parts.push(note.trim());
	return parts.join('\n\n');
}

/** Writes one card as a vCard 3.0 text with CRLF line endings. */
export function cardToVCard(card: VCardCard, options: VCardOptions = {}): string {
	const lines: string[] = ['BEGIN:VCARD', 'VERSION:3.0', 'PRODID:-//Tend//Tend//EN'];
	const [family, given] = nameParts(card.name);
	lines.push(`N:${escapeText(family)};${escapeText(given)};;;`);
	lines.push(`FN:${escapeText(card.name.trim())}`);
	if (card.company?.trim()) lines.push(`ORG:${escapeText(card.company.trim())}`);
	if (card.headline?.trim()) lines.push(`TITLE:${escapeText(card.headline.trim())}`);
	for (const link of card.links ?? []) {
		if (!isSafeUrl(link.url)) continue;
		const scheme = link.url.slice(0, link.url.indexOf(':')).toLowerCase();
		if (scheme === 'mailto') {
			const address = link.url.slice(7).split('?')[0] ?? '';
			lines.push(`EMAIL;TYPE=INTERNET:${escapeText(safeDecode(address))}`);
		} else if (scheme === 'tel') {
			lines.push(`TEL;TYPE=VOICE:${link.url.slice(4)}`);
		} else {
			// URL is a uri value: RFC 2426 gives it no backslash escaping. SAFE_URL's \s leaves out NEL
			// and the C1 controls, so those are percent-encoded here (the link still opens the same).
			lines.push(`URL:${link.url.replace(URL_UNSAFE, encodeURIComponent)}`);
		}
	}
	const note = noteText(card, options.note);
	if (note) lines.push(`NOTE:${escapeText(note, true)}`);
	const photo = options.photo;
	const photoType = photo
		? PHOTO_TYPES[photo.type.toLowerCase().replace(/^image\//, '')]
		: undefined;
	if (photo && photoType && /^[A-Za-z0-9+/]+={0,2}$/.test(photo.base64)) {
		lines.push(`PHOTO;ENCODING=b;TYPE=${photoType}:${photo.base64}`);
	}
	if (options.uid && /^[A-Za-z0-9._-]{1,64}$/.test(options.uid)) lines.push(`UID:${options.uid}`);
	lines.push('END:VCARD');
	return lines.map(foldLine).join('\r\n') + '\r\n';
}

/** Writes many cards into one .vcf text, one vCard after another. */
export function cardsToVCards(entries: readonly VCardEntry[]): string {
	return entries.map(({ card, ...options }) => cardToVCard(card, options)).join('');
}

/** Percent-decodes a mailto address, keeping the raw text when it is not valid encoding. */
function safeDecode(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}

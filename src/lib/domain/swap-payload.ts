// The QR code text of a swap: `<origin>/c#1~<token>~<name>~<headline>~<company>[~<eventId>]`
// (docs/protocol.md); the optional sixth field is the shower's current event (a record id).
// Security invariant: decodeSwapCode never throws, and a value it returns has a well-formed token,
// a non-empty name, fields within the card limits, NFC text with no control or bidi-override
// characters, an event that is '' or a record id, from an http(s) origin. Anything else is refused
// with a reason and a sentence for a person. The page still escapes the text; this codec only
// guarantees its shape. The encoder keeps the whole text within 200 bytes, the event included.
import { CARD_LIMITS, codePointLength } from './card';
import LIMITS from './swap-limits.json';

export interface SwapCardText {
	name: string;
	headline: string;
	company: string;
}

export interface SwapCode extends SwapCardText {
	version: 1;
	token: string;
	cardId: string;
	keyVersion: number;
	/** When the token stops working, in unix milliseconds. */
	expiresAt: number;
	/** The origin the code points at, e.g. "https://tend.example.org". */
	origin: string;
	/** False when `expectedOrigins` was given and this origin is not in it: warn before trusting. */
	isExpectedOrigin: boolean;
	/** The shower's current event (a 15-character record id), or '' when the code carries none. */
	event: string;
}

export type SwapDecodeReason =
	'not_tend' | 'too_long' | 'malformed' | 'unknown_version' | 'bad_token' | 'expired';

export type SwapDecodeResult =
	{ ok: true; value: SwapCode } | { ok: false; reason: SwapDecodeReason; message: string };

export type SwapEncodeResult =
	| { ok: true; value: string }
	| { ok: false; reason: 'bad_origin' | 'bad_token' | 'no_name' | 'too_long'; message: string };

export const MAX_CODE_BYTES: number = LIMITS.maxCodeBytes;
export const TOKEN_PATTERN = new RegExp(LIMITS.tokenPattern);

export const SEP = LIMITS.separator;
/** A record id, as the optional sixth field holds it (the shower's current event). */
export const EVENT_ID_PATTERN = /^[a-z0-9]{15}$/;
export const ORIGIN =
	/^https?:\/\/(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::[0-9]{1,5})?$/i;
// Control characters, bidi embeddings/overrides/isolates (they can make text lie about itself),
// and lone surrogates.
const FORBIDDEN_GLOBAL =
	/[\p{Cc}\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu;

/**
 * The normalised origin of an address that passed ORIGIN, or null when the URL parser refuses it:
 * the pattern lets through what no browser can open (port 99999, host 999.1.1.1, `127.0A.1`).
 */
export function originOf(raw: string): string | null {
	try {
		const url = new URL(raw);
		return /^https?:$/.test(url.protocol) && url.host !== '' ? url.origin : null;
	} catch {
		return null;
	}
}

/** Percent-encodes a text field: encodeURIComponent, plus `~` (the separator) as %7E. */
export function encodeField(text: string): string {
	return encodeURIComponent(text).replace(/~/g, '%7E');
}

/** Splits text into user-perceived characters, so truncation never cuts an emoji or accent. */
function graphemes(text: string): string[] {
	if (typeof Intl !== 'undefined' && 'Segmenter' in Intl) {
		const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
		return Array.from(segmenter.segment(text), (s) => s.segment);
	}
	return Array.from(text);
}

/** Makes a card field fit for a code: NFC, one line, no control characters, within the card limit. */
function cleanField(text: string, maxCodePoints: number): string[] {
	const cleaned = text.replace(FORBIDDEN_GLOBAL, ' ').normalize('NFC').replace(/\s+/gu, ' ').trim();
	const kept: string[] = [];
	let count = 0;
	for (const g of graphemes(cleaned)) {
		count += codePointLength(g);
		if (count > maxCodePoints) break;
		kept.push(g);
	}
	return kept;
}

/**
 * Builds the QR code text for my card, shortening the text fields so it stays ≤ 200 bytes. With an
 * event id (my current event) the code carries it as a sixth field; an id that is not a record id
 * is left out (the code still swaps, unfiled), and so is one that leaves no room for a name.
 */
export function encodeSwapCode(
	origin: string,
	token: string,
	card: SwapCardText,
	eventId = ''
): SwapEncodeResult {
	const withEvent = EVENT_ID_PATTERN.test(eventId)
		? encodeFields(origin, token, card, `${SEP}${eventId}`)
		: null;
	return withEvent?.ok ? withEvent : encodeFields(origin, token, card, '');
}

/** encodeSwapCode for a given ending (`~<eventId>` or ''), which keeps its room in the budget. */
function encodeFields(
	origin: string,
	token: string,
	card: SwapCardText,
	ending: string
): SwapEncodeResult {
	const base = origin.replace(/\/+$/, '');
	const normalised = ORIGIN.test(base) ? originOf(base) : null;
	if (normalised === null) {
		return {
			ok: false,
			reason: 'bad_origin',
			message: 'The app address must be a valid http(s) address.'
		};
	}
	if (!TOKEN_PATTERN.test(token)) {
		return {
			ok: false,
			reason: 'bad_token',
			message: 'The swap token from the server is malformed.'
		};
	}
	const prefix = `${normalised}${LIMITS.path}${LIMITS.payloadVersion}${SEP}${token}${SEP}`;
	// Fields in the order of the payload; the name keeps twice the room of the others.
	const fields = [
		{ parts: cleanField(card.name, CARD_LIMITS.name), weight: 0.5 },
		{ parts: cleanField(card.headline, CARD_LIMITS.headline), weight: 1 },
		{ parts: cleanField(card.company, CARD_LIMITS.company), weight: 1 }
	] as const;
	if (fields[0].parts.length === 0) {
		return { ok: false, reason: 'no_name', message: 'Add your name to your card first.' };
	}
	const sizes = fields.map((f) => f.parts.reduce((sum, p) => sum + encodeField(p).length, 0));
	const budget = MAX_CODE_BYTES - prefix.length - 2 * SEP.length - ending.length;
	let total = sizes.reduce((a, b) => a + b, 0);
	while (total > budget) {
		// Trim the field with the most weighted bytes (ties: the later field); the name keeps one
		// character at least.
		let pick = -1;
		let most = 0;
		fields.forEach((field, i) => {
			const weighted = (sizes[i] ?? 0) * field.weight;
			if (field.parts.length > (i === 0 ? 1 : 0) && weighted >= most) {
				pick = i;
				most = weighted;
			}
		});
		const removed = fields[pick]?.parts.pop();
		if (removed === undefined) {
			return { ok: false, reason: 'too_long', message: 'The app address is too long for a code.' };
		}
		const cost = encodeField(removed).length;
		sizes[pick] = (sizes[pick] ?? 0) - cost;
		total -= cost;
	}
	const text = fields.map((f) => encodeField(f.parts.join('').trimEnd())).join(SEP);
	return { ok: true, value: prefix + text + ending };
}

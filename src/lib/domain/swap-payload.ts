// The QR code text of a swap: `<origin>/c#1~<token>~<name>~<headline>~<company>` (docs/protocol.md).
// Security invariant: decodeSwapCode never throws, and a value it returns has a well-formed token,
// a non-empty name, fields within the card limits, NFC text with no control or bidi-override
// characters, from an http(s) origin. Anything else is refused with a reason and a sentence for a
// person. The page still escapes the text; this codec only guarantees its shape.
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

const SEP = LIMITS.separator;
const ORIGIN = /^https?:\/\/(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::[0-9]{1,5})?$/i;
const CODE = /^(https?:\/\/[^/?#]+)(\/c#)([\s\S]*)$/i;
const ENCODED_FIELD = /^(?:[A-Za-z0-9_.!*'()-]|%[0-9A-Fa-f]{2})*$/;
// Control characters, bidi embeddings/overrides/isolates (they can make text lie about itself),
// and lone surrogates.
const FORBIDDEN = /[\p{Cc}\u202A-\u202E\u2066-\u2069\uD800-\uDFFF]/u;
const FORBIDDEN_GLOBAL =
	/[\p{Cc}\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu;

const MESSAGES: Record<SwapDecodeReason, string> = {
	not_tend: 'This is not a Tend card.',
	too_long: 'This code holds far more than a Tend card does, so it was not read.',
	malformed: 'This Tend code is damaged or incomplete. Ask them to show it again.',
	unknown_version: 'This code comes from a newer version of Tend. Update the app and try again.',
	bad_token: 'This Tend code is damaged or has been changed. Ask them to show it again.',
	expired: 'This code has expired. Ask them to show their code again.'
};

const FOREIGN: readonly [RegExp, string][] = [
	[/^WIFI:/i, 'This is a Wi-Fi code, not a Tend card.'],
	[/^(MECARD:|BEGIN:VCARD|BIZCARD:)/i, 'This is a contact card from another app, not a Tend card.'],
	[/^BEGIN:VCALENDAR|^BEGIN:VEVENT/i, 'This is a calendar event, not a Tend card.'],
	[
		/^\s*(javascript|vbscript|data|file|blob|about):/i,
		'This code holds a script or a file, not a Tend card. It was not opened.'
	],
	[/^(mailto:|MATMSG:)/i, 'This is an email address, not a Tend card.'],
	[/^(tel:|sms:|smsto:|mms:)/i, 'This is a phone number, not a Tend card.'],
	[/^geo:/i, 'This is a map location, not a Tend card.'],
	[/^https?:\/\//i, 'This is a link to a web page, not a Tend card.']
];

/** A refusal with its reason and the sentence a person reads. */
function refuse(reason: SwapDecodeReason, message = MESSAGES[reason]): SwapDecodeResult {
	return { ok: false, reason, message };
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

/** Builds the QR code text for my card, shortening the text fields so it stays ≤ 200 bytes. */
export function encodeSwapCode(
	origin: string,
	token: string,
	card: SwapCardText
): SwapEncodeResult {
	const base = origin.replace(/\/+$/, '');
	if (!ORIGIN.test(base)) {
		return { ok: false, reason: 'bad_origin', message: 'The app address must be http(s).' };
	}
	if (!TOKEN_PATTERN.test(token)) {
		return {
			ok: false,
			reason: 'bad_token',
			message: 'The swap token from the server is malformed.'
		};
	}
	const prefix = `${new URL(base).origin}${LIMITS.path}${LIMITS.payloadVersion}${SEP}${token}${SEP}`;
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
	const budget = MAX_CODE_BYTES - prefix.length - 2 * SEP.length;
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
	return { ok: true, value: prefix + text };
}

/** Percent-decodes one field strictly; undefined when it is not what encodeField produces. */
function decodeField(encoded: string, max: number): string | undefined {
	if (!ENCODED_FIELD.test(encoded)) return undefined;
	let text: string;
	try {
		text = decodeURIComponent(encoded);
	} catch {
		return undefined;
	}
	if (FORBIDDEN.test(text)) return undefined;
	text = text.normalize('NFC');
	return codePointLength(text) <= max ? text : undefined;
}

export interface DecodeOptions {
	/** Origins this app trusts (e.g. [location.origin]); others decode with isExpectedOrigin false. */
	expectedOrigins?: readonly string[];
	/** The current time in unix milliseconds, for the expiry check. */
	now?: number;
}

/** Reads scanned text as a Tend code; never throws, refuses anything that is not exactly one. */
export function decodeSwapCode(text: unknown, options: DecodeOptions = {}): SwapDecodeResult {
	if (typeof text !== 'string') return refuse('malformed');
	const trimmed = text.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
	const code = CODE.exec(trimmed);
	if (!code) {
		if (trimmed.length > MAX_CODE_BYTES) return refuse('too_long');
		const foreign = FOREIGN.find(([pattern]) => pattern.test(trimmed));
		return refuse('not_tend', foreign?.[1]);
	}
	if (new TextEncoder().encode(trimmed).length > MAX_CODE_BYTES) return refuse('too_long');
	if (!/^[\x21-\x7e]+$/.test(trimmed)) return refuse('malformed');
	const [, rawOrigin = '', path = '', payload = ''] = code;
	if (path !== LIMITS.path || !ORIGIN.test(rawOrigin))
		return refuse('not_tend', FOREIGN.at(-1)?.[1]);
	const origin = new URL(rawOrigin).origin;

	const parts = payload.split(SEP);
	const version = parts[0] ?? '';
	if (!/^[1-9][0-9]{0,2}$/.test(version)) return refuse('malformed');
	if (version !== String(LIMITS.payloadVersion)) return refuse('unknown_version');
	if (parts.length !== 5) return refuse('malformed');
	const [, token = '', rawName = '', rawHeadline = '', rawCompany = ''] = parts;

	const tokenParts = TOKEN_PATTERN.exec(token);
	if (!tokenParts) return refuse('bad_token');
	const [, cardId = '', rawKeyVersion = '', rawExpiry = ''] = tokenParts;

	const name = decodeField(rawName, CARD_LIMITS.name);
	const headline = decodeField(rawHeadline, CARD_LIMITS.headline);
	const company = decodeField(rawCompany, CARD_LIMITS.company);
	if (name === undefined || headline === undefined || company === undefined) {
		return refuse('malformed');
	}
	if (name.trim() === '') return refuse('malformed');

	const expiresAt = parseInt(rawExpiry, 36) * 1000;
	if (expiresAt < (options.now ?? Date.now())) return refuse('expired');
	const expected = options.expectedOrigins?.map((o) => o.replace(/\/+$/, '').toLowerCase());
	return {
		ok: true,
		value: {
			version: 1,
			token,
			cardId,
			keyVersion: parseInt(rawKeyVersion, 36),
			expiresAt,
			name,
			headline,
			company,
			origin,
			isExpectedOrigin: expected === undefined || expected.includes(origin)
		}
	};
}

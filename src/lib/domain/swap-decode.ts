// Reading a scanned code: strict on version, token shape, lengths, characters and total size,
// and never throwing. Only the scanner and the public card page need it, so it is its own module
// (the first screen only draws my code, with swap-payload.ts).
import { CARD_LIMITS, codePointLength } from './card';
import {
	EVENT_ID_PATTERN,
	MAX_CODE_BYTES,
	ORIGIN,
	SEP,
	originOf,
	TOKEN_PATTERN,
	type SwapDecodeReason,
	type SwapDecodeResult
} from './swap-payload';
import LIMITS from './swap-limits.json';

const FORBIDDEN = /[\p{Cc}\u202A-\u202E\u2066-\u2069\uD800-\uDFFF]/u;
const ENCODED_FIELD = /^(?:[A-Za-z0-9_.!*'()-]|%[0-9A-Fa-f]{2})*$/;
const CODE = /^(https?:\/\/[^/?#]+)(\/c#)([\s\S]*)$/i;
const MESSAGES: Record<SwapDecodeReason, string> = {
	not_tend: 'This is not a Tend card.',
	too_long: 'This code holds far more than a Tend card does, so it was not read.',
	malformed: 'This Tend code is damaged or incomplete. Ask them to show it again.',
	unknown_version: 'This code comes from a newer version of Tend. Update the app and try again.',
	bad_token: 'This Tend code is damaged or has been changed. Ask them to show it again.',
	expired: 'This code has expired. Ask them to show their code again.'
};

/** For an origin that looks right but that no browser can open (port 99999, host 999.1.1.1…). */
const BAD_ADDRESS =
	'This code points at a web address that cannot exist, so it is not a Tend card.';

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
	try {
		return decodeStrictly(text, options);
	} catch {
		// decodeStrictly is written to leave nothing that throws; should one be missed, a scan still
		// ends in a sentence, never in an exception that freezes the scanner.
		return refuse('malformed');
	}
}

/**
 * decodeSwapCode's checks, in order: shape, size, characters, origin, version, field count (5, or
 * 6 with an event id), token, fields.
 */
function decodeStrictly(text: unknown, options: DecodeOptions): SwapDecodeResult {
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
	const origin = originOf(rawOrigin);
	if (origin === null) return refuse('not_tend', BAD_ADDRESS);

	const parts = payload.split(SEP);
	const version = parts[0] ?? '';
	if (!/^[1-9][0-9]{0,2}$/.test(version)) return refuse('malformed');
	if (version !== String(LIMITS.payloadVersion)) return refuse('unknown_version');
	if (parts.length !== 5 && parts.length !== 6) return refuse('malformed');
	const [, token = '', rawName = '', rawHeadline = '', rawCompany = '', event = ''] = parts;
	if (parts.length === 6 && !EVENT_ID_PATTERN.test(event)) return refuse('malformed');

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
			isExpectedOrigin: expected === undefined || expected.includes(origin),
			event
		}
	};
}

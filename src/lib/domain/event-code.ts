// Event codes: the join code a person types, and the poster link `<origin>/join#<CODE>` a camera
// reads (docs/protocol.md). Invariants: nothing here throws. A join code these functions return is
// exactly JOIN_CODE_LENGTH characters of JOIN_CODE_ALPHABET (the server's alphabet: no O, 0, I, 1
// or L, so no character can be taken for another). decodeScannedText tells three things apart: an
// event poster (its code and the origin a browser would open), a person's code (exactly what
// decodeSwapCode accepts, nothing looser), and junk, with a reason and a sentence for a person.
// The join route checks every code again; this only spares a round trip and says what went wrong.
import { decodeSwapCode, type DecodeOptions } from './swap-decode';
import {
	MAX_CODE_BYTES,
	ORIGIN,
	originOf,
	type SwapCode,
	type SwapDecodeReason
} from './swap-payload';

export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const JOIN_CODE_LENGTH = 8;
export const JOIN_CODE_PATTERN = /^[ABCDEFGHJKMNPQRSTUVWXYZ2-9]{8}$/;
/** The path of the poster link; the code is its fragment, so it never reaches server logs. */
export const JOIN_PATH = '/join';

export type JoinCodeProblem = 'empty' | 'too_short' | 'too_long' | 'look_alike' | 'bad_character';

export type JoinCodeResult =
	{ ok: true; code: string } | { ok: false; reason: JoinCodeProblem; message: string };

/** Characters left out of the alphabet because they look like others, as a person names them. */
const LOOK_ALIKES: Record<string, string> = {
	O: 'letter O',
	'0': 'digit 0',
	I: 'letter I',
	'1': 'digit 1',
	L: 'letter L'
};

/** Separators people type or paste inside a code: spaces, dashes of every kind, dots. */
const SEPARATORS = /[\s\p{Pd}.\u00b7\u2022\u2027]/gu;
/** Longer than this, typed text is not a mistyped code but something else; it is not read. */
const MAX_TYPED = 200;

/** True for a join code exactly as the server makes it. */
export function isJoinCode(value: unknown): value is string {
	return typeof value === 'string' && JOIN_CODE_PATTERN.test(value);
}

/**
 * Turns what a person typed or pasted into a join code: trimmed, upper case, full-width letters as
 * ASCII, without spaces, dashes or dots. A pasted poster link gives its code. Otherwise says what
 * is wrong: nothing typed, a character codes never have (naming it), too few or too many.
 */
export function normaliseJoinCode(typed: unknown): JoinCodeResult {
	if (typeof typed !== 'string' || typed.trim() === '') {
		return refuse('empty', 'Type the event’s code: 8 letters and digits, as on its poster.');
	}
	if (typed.length > MAX_TYPED) return tooLong(typed.length);
	const linked = /\/join#([^#]*)$/i.exec(typed.trim());
	const code = (linked?.[1] ?? typed).normalize('NFKC').toUpperCase().replace(SEPARATORS, '');
	for (const char of code) {
		if (JOIN_CODE_ALPHABET.includes(char)) continue;
		const lookAlike = LOOK_ALIKES[char];
		if (lookAlike) {
			return refuse(
				'look_alike',
				`Event codes never use the ${lookAlike} (it is too easy to mistake): look at that character on the poster again.`
			);
		}
		return refuse(
			'bad_character',
			/\p{L}|\p{N}|\p{P}|\p{S}/u.test(char)
				? `Event codes have only the letters A to Z and the digits 2 to 9, not “${char}”.`
				: 'Event codes have only the letters A to Z and the digits 2 to 9.'
		);
	}
	if (code.length < JOIN_CODE_LENGTH) {
		return refuse(
			'too_short',
			`An event code has ${JOIN_CODE_LENGTH} characters; this has ${code.length}.`
		);
	}
	if (code.length > JOIN_CODE_LENGTH) return tooLong(code.length);
	return { ok: true, code };
}

function tooLong(length: number): JoinCodeResult {
	return refuse(
		'too_long',
		length > MAX_TYPED
			? `An event code has ${JOIN_CODE_LENGTH} characters; this is far longer.`
			: `An event code has ${JOIN_CODE_LENGTH} characters; this has ${length}.`
	);
}

function refuse(reason: JoinCodeProblem, message: string): JoinCodeResult {
	return { ok: false, reason, message };
}

/** A join code as a person reads it aloud or types it: `ABCD-EFGH` (normalising drops the dash). */
export function displayJoinCode(code: string): string {
	return isJoinCode(code) ? `${code.slice(0, 4)}-${code.slice(4)}` : code;
}

export type EventLinkResult =
	| { ok: true; value: string }
	| { ok: false; reason: 'bad_origin' | 'no_code' | 'bad_code'; message: string };

/** The poster's link, `<origin>/join#<CODE>`: what its QR code holds. */
export function encodeEventLink(origin: string, code: string): EventLinkResult {
	const base = origin.replace(/\/+$/, '');
	const normalised = ORIGIN.test(base) ? originOf(base) : null;
	if (normalised === null) {
		return {
			ok: false,
			reason: 'bad_origin',
			message: 'The app address must be a valid http(s) address.'
		};
	}
	if (code === '') {
		// The server chooses the code: an event made offline has none until it is synced.
		return {
			ok: false,
			reason: 'no_code',
			message: 'This event gets its join code once it reaches the server. Go online and try again.'
		};
	}
	if (!isJoinCode(code)) {
		return {
			ok: false,
			reason: 'bad_code',
			message: 'This event’s join code is damaged, so its poster cannot be made.'
		};
	}
	return { ok: true, value: `${normalised}${JOIN_PATH}#${code}` };
}

export type ScanJunkReason = SwapDecodeReason | 'bad_event_code';

export type ScannedCode =
	| {
			kind: 'event';
			code: string;
			/** The origin of the poster's link, as a browser would open it. */
			origin: string;
			/** False when `expectedOrigins` was given and this origin is not in it: another server. */
			isExpectedOrigin: boolean;
	  }
	| { kind: 'person'; value: SwapCode }
	| { kind: 'junk'; reason: ScanJunkReason; message: string };

/**
 * A link to `/join` at an http(s) authority: the rest of its path and its query (both must be
 * empty) and its fragment (the code). `/join` in any case: some QR makers upper-case a whole link.
 */
const JOIN_LINK = /^(https?:\/\/[^/?#]+)\/join((?:[/?][^#]*)?)(?:#([\s\S]*))?$/i;

const EVENT_JUNK = {
	tooLong: 'This code holds far more than a Tend code does, so it was not read.',
	webPage: 'This is a link to a web page, not a Tend code.',
	badAddress: 'This code points at a web address that cannot exist, so it is not a Tend code.',
	badCode:
		'This is a link to join an event, but its code is damaged. Type the code printed on the poster instead.'
} as const;

/**
 * Reads what the scanner saw: an event poster, a person's code (swap-decode's rules and sentences,
 * with `options` for the expected origins and the clock), or junk. Never throws.
 */
export function decodeScannedText(text: unknown, options: DecodeOptions = {}): ScannedCode {
	try {
		return readScan(text, options);
	} catch {
		// readScan leaves nothing that throws; should one be missed, a scan still ends in a sentence.
		return junk('malformed', EVENT_JUNK.badCode);
	}
}

function readScan(text: unknown, options: DecodeOptions): ScannedCode {
	const trimmed = typeof text === 'string' ? text.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '') : '';
	const link = JOIN_LINK.exec(trimmed);
	if (!link) {
		const person = decodeSwapCode(text, options);
		return person.ok
			? { kind: 'person', value: person.value }
			: junk(person.reason, person.message);
	}
	if (new TextEncoder().encode(trimmed).length > MAX_CODE_BYTES) {
		return junk('too_long', EVENT_JUNK.tooLong);
	}
	if (!/^[\x21-\x7e]+$/.test(trimmed)) return junk('bad_event_code', EVENT_JUNK.badCode);
	const [, rawOrigin = '', rest = '', fragment] = link;
	if (!ORIGIN.test(rawOrigin)) return junk('not_tend', EVENT_JUNK.webPage);
	const origin = originOf(rawOrigin);
	if (origin === null) return junk('not_tend', EVENT_JUNK.badAddress);
	// Only letters, digits and dashes in the fragment: what a person might type into the link bar.
	if (rest !== '' || fragment === undefined || !/^[A-Za-z0-9-]{1,32}$/.test(fragment)) {
		return junk('bad_event_code', EVENT_JUNK.badCode);
	}
	const code = fragment.toUpperCase().replace(/-/g, '');
	if (!isJoinCode(code)) return junk('bad_event_code', EVENT_JUNK.badCode);
	const expected = options.expectedOrigins?.map((o) => o.replace(/\/+$/, '').toLowerCase());
	return {
		kind: 'event',
		code,
		origin,
		isExpectedOrigin: expected === undefined || expected.includes(origin)
	};
}

function junk(reason: ScanJunkReason, message: string): ScannedCode {
	return { kind: 'junk', reason, message };
}

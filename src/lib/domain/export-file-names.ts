// The names of exported files. Invariant: a name is safe on every system a person may save it on
// (Windows, macOS, Android, iOS): no path separator, no reserved character or device name, no
// control or bidirectional-override character (which could make "ann\u202Efdp.vcf" read as
// "ann.pdf"), no leading dot (a hidden file) and no trailing dot or space, at most 80 characters
// before the extension; the extension is always the one asked for.
import { localDay } from './follow-ups/dates';

/** The longest stem kept from a name, in code points (the extension comes on top). */
const MAX_STEM = 80;

/** Windows refuses these as a file's stem, whatever the extension. */
const RESERVED = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

/** Path separators and the characters Windows reserves. */
const FORBIDDEN = /[\\/:*?"<>|]/g;
/** Controls (C0, DEL, C1), line and paragraph separators, and every bidirectional control. */
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * A file name's stem made from free text (a person's name): reserved characters become spaces,
 * invisible ones go, spaces are collapsed; `fallback` when nothing usable is left.
 */
export function safeFileStem(text: string, fallback: string): string {
	const cleaned = text
		.replace(LONE_SURROGATE, '')
		.replace(INVISIBLE, ' ')
		.replace(FORBIDDEN, ' ')
		.replace(/\s+/g, ' ')
		.trim()
		.replace(/^[.\s]+/, '');
	const stem = Array.from(cleaned)
		.slice(0, MAX_STEM)
		.join('')
		.replace(/[.\s]+$/, '');
	if (!stem) return fallback;
	return RESERVED.test(stem) ? `${stem}_` : stem;
}

/** `<stem>.<extension>` for a name made from free text (see safeFileStem). */
export function fileNameOf(text: string, extension: string, fallback: string): string {
	return `${safeFileStem(text, fallback)}.${extension}`;
}

/** `<prefix>-YYYY-MM-DD.<extension>`, the date being `now`'s local day in `timeZone`. */
export function datedFileName(
	prefix: string,
	extension: string,
	now: number,
	timeZone = 'UTC'
): string {
	const day = localDay(now, timeZone);
	return day ? `${prefix}-${day}.${extension}` : `${prefix}.${extension}`;
}

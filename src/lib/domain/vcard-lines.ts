// The line syntax of vCard 2.1, 3.0 and 4.0 (RFC 2425/2426/6350 and the 2.1 spec), as import
// needs it: unfolding, `[group.]NAME;params:value`, transfer encodings, text escaping and
// structured values. Invariants: never throws, linear in the text's length; a logical line is cut
// at MAX_LINE characters (no text field needs more); quoted-printable bytes are read in their
// CHARSET, falling back to Windows-1252 when they are not that charset.
import { decodeBytes } from './import-text';

/** Longer logical lines are cut: no text field needs more, and a PHOTO is not read anyway. */
const MAX_LINE = 64 * 1024;
const ENCODER = new TextEncoder();

export interface Property {
	group: string;
	/** Upper case: FN, N, EMAIL… */
	name: string;
	/** TYPE values (and 2.1's bare parameters), lower case. */
	types: string[];
	encoding: string;
	charset: string;
	value: string;
}

/**
 * Unfolds physical lines into logical ones: a line that begins with a space or a tab continues
 * the one before (without that character), and in a quoted-printable value a line ending in `=`
 * (a soft line break) continues on the next line whatever it begins with.
 */
export function logicalLines(text: string): { text: string; number: number }[] {
	const physical = text.split(/\r\n|\r|\n/);
	const lines: { text: string; number: number }[] = [];
	let parts: string[] = [];
	let size = 0;
	let start = 0;
	let isQuotedPrintable = false;
	let isSoftBreak = false;
	const add = (piece: string) => {
		if (size >= MAX_LINE) return;
		const kept = piece.slice(0, MAX_LINE - size);
		parts.push(kept);
		size += kept.length;
	};
	const flush = () => {
		if (size > 0) lines.push({ text: parts.join(''), number: start + 1 });
		parts = [];
		size = 0;
	};
	physical.forEach((line, i) => {
		const first = line.charCodeAt(0);
		if (parts.length > 0 && isSoftBreak) {
			const last = parts.length - 1;
			parts[last] = (parts[last] ?? '').slice(0, -1);
			size -= 1;
			add(line);
		} else if (parts.length > 0 && (first === 32 || first === 9)) {
			add(line.slice(1));
		} else {
			flush();
			start = i;
			add(line);
			const colon = line.indexOf(':');
			isQuotedPrintable = /QUOTED-PRINTABLE/i.test(
				line.slice(0, colon < 0 ? 0 : Math.min(colon, 500))
			);
		}
		isSoftBreak = isQuotedPrintable && line.endsWith('=') && size < MAX_LINE;
	});
	flush();
	return lines;
}

/** Indexes of `separator` in text outside double quotes (parameter values may quote `:` and `;`). */
function splitOutsideQuotes(text: string, separator: string): string[] {
	const parts: string[] = [];
	let isQuoted = false;
	let from = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (c === '"') isQuoted = !isQuoted;
		else if (c === separator && !isQuoted) {
			parts.push(text.slice(from, i));
			from = i + 1;
		}
	}
	parts.push(text.slice(from));
	return parts;
}

const ENCODINGS = new Set(['QUOTED-PRINTABLE', 'BASE64', 'B', '8BIT', '7BIT']);

/** `[group.]NAME[;param…]:value`, or null for a line that is not a property. */
export function parseProperty(line: string): Property | null {
	let colon = -1;
	let isQuoted = false;
	for (let i = 0; i < line.length && i < 2000; i++) {
		const c = line[i];
		if (c === '"') isQuoted = !isQuoted;
		else if (c === ':' && !isQuoted) {
			colon = i;
			break;
		}
	}
	if (colon < 0) colon = line.indexOf(':');
	if (colon <= 0) return null;
	const [head = '', ...params] = splitOutsideQuotes(line.slice(0, colon), ';');
	const dot = head.lastIndexOf('.');
	const property: Property = {
		group: dot < 0 ? '' : head.slice(0, dot).trim().toLowerCase(),
		name: head
			.slice(dot + 1)
			.trim()
			.toUpperCase(),
		types: [],
		encoding: '',
		charset: '',
		value: line.slice(colon + 1)
	};
	for (const param of params) {
		const eq = param.indexOf('=');
		const key = (eq < 0 ? '' : param.slice(0, eq)).trim().toUpperCase();
		const value = (eq < 0 ? param : param.slice(eq + 1)).trim().replace(/^"|"$/g, '');
		if (eq < 0 && ENCODINGS.has(value.toUpperCase())) property.encoding = value.toUpperCase();
		else if (key === 'ENCODING') property.encoding = value.toUpperCase();
		else if (key === 'CHARSET') property.charset = value;
		else if (key === '' || key === 'TYPE' || key === 'SERVICE-TYPE' || key === 'X-SERVICE-TYPE') {
			for (const type of value.split(',')) {
				const word = type.trim().replace(/^"|"$/g, '').toLowerCase();
				if (word) property.types.push(word);
			}
		}
	}
	return property;
}

/** The value after its transfer encoding (quoted-printable, base64) is undone, in its charset. */
export function transferDecoded(property: Property): string {
	if (property.encoding === 'QUOTED-PRINTABLE') {
		const bytes: number[] = [];
		const text = property.value;
		for (let i = 0; i < text.length; i++) {
			const hex = text[i] === '=' ? text.slice(i + 1, i + 3) : '';
			if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
				bytes.push(parseInt(hex, 16));
				i += 2;
			} else {
				const codePoint = text.codePointAt(i) ?? 0;
				if (codePoint < 0x80) bytes.push(codePoint);
				else bytes.push(...ENCODER.encode(String.fromCodePoint(codePoint)));
				if (codePoint > 0xffff) i += 1;
			}
		}
		return decodeBytes(Uint8Array.from(bytes), property.charset || 'utf-8');
	}
	if (property.encoding === 'B' || property.encoding === 'BASE64') {
		try {
			const binary = atob(property.value.replace(/\s+/g, ''));
			return decodeBytes(
				Uint8Array.from(binary, (c) => c.charCodeAt(0)),
				property.charset || 'utf-8'
			);
		} catch {
			return '';
		}
	}
	return property.value;
}

/** Undoes text escaping: 3.0 and 4.0 `\n \, \; \: \\`; 2.1 escapes only `\;`. */
export function unescaped(text: string, version: string): string {
	if (version === '2.1') return text.replace(/\\;/g, ';');
	return text.replace(/\\([\s\S])/g, (escape, c: string) =>
		c === 'n' || c === 'N' ? '\n' : ',;:\\'.includes(c) ? c : escape
	);
}

/** A structured value (N, ORG) split at its unescaped `;`, each component unescaped. */
export function components(text: string, version: string): string[] {
	const parts: string[] = [];
	let from = 0;
	for (let i = 0; i < text.length; i++) {
		if (text[i] === '\\') i += 1;
		else if (text[i] === ';') {
			parts.push(text.slice(from, i));
			from = i + 1;
		}
	}
	parts.push(text.slice(from));
	return parts.map((part) => unescaped(part, version).trim());
}

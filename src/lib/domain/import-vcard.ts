// A tolerant reader of .vcf files: vCard 2.1, 3.0 and 4.0, many cards a file, as phones and
// contact apps really write them (folded lines, quoted-printable in any charset, escaped text,
// grouped properties with Apple's labels, Google's `http\://`). Invariants: never throws; a file
// is refused as a whole (too large, binary, more than IMPORT_LIMITS.cards cards, no card at all)
// or read card by card, and every card is either an ImportedContact that keeps the invariants of
// imported-contact.ts or a problem with a sentence (no name, never ended). Work is linear in the
// file's size: a logical line is cut at MAX_LINE characters, PHOTO, LOGO, SOUND and KEY are never
// decoded (a contact without an account has no photo: its snapshot only holds a server path).
import {
	IMPORT_LIMITS,
	addLink,
	emailLink,
	finishContact,
	newDraft,
	phoneLink,
	webLink,
	type ContactDraft,
	type ImportProblem,
	type ImportResult,
	type ImportSource,
	type ImportedContact
} from './imported-contact';
import { decodeBytes, fileText, type FileInput } from './import-text';

/** Longer logical lines are cut: no text field needs more, and a PHOTO is not read anyway. */
const MAX_LINE = 64 * 1024;
const ENCODER = new TextEncoder();

interface Property {
	group: string;
	/** Upper case: FN, N, EMAIL… */
	name: string;
	/** TYPE values (and 2.1's bare parameters), lower case. */
	types: string[];
	encoding: string;
	charset: string;
	value: string;
}

interface RawCard {
	index: number;
	line: number;
	properties: Property[];
}

export interface VCardReadOptions {
	source?: ImportSource;
	/** Keep a card the text ends in without END:VCARD (a scanned code is whole, a file may be cut). */
	isUnterminatedKept?: boolean;
}

/** Reads a .vcf file (its bytes or its text) into contacts and problems, or refuses it. */
export function readVCardFile(input: FileInput): ImportResult {
	const file = fileText(input, 'vcard');
	return file.ok ? readVCardText(file.text) : file;
}

/** Reads vCard text (a file's, or a scanned code's) into contacts and problems, or refuses it. */
export function readVCardText(text: string, options: VCardReadOptions = {}): ImportResult {
	try {
		return readCards(text, options);
	} catch {
		// Nothing in readCards is written to throw; should something be missed, a sentence, not a crash.
		return { ok: false, reason: 'wrong_format', message: 'This contacts file could not be read.' };
	}
}

function readCards(text: string, options: VCardReadOptions): ImportResult {
	const cards: RawCard[] = [];
	const problems: ImportProblem[] = [];
	let open: RawCard | null = null;
	let count = 0;
	const unterminated = (card: RawCard) =>
		problems.push({
			index: card.index,
			line: card.line,
			message: `Card ${card.index + 1} (line ${card.line}) never ends (no END:VCARD), so it was left out: the file may be cut short.`,
			isSkipped: true
		});
	for (const { text: line, number } of logicalLines(text)) {
		const property = parseProperty(line);
		if (property === null) continue;
		const isVCardValue =
			(property.name === 'BEGIN' || property.name === 'END') &&
			property.value.trim().toUpperCase() === 'VCARD';
		if (property.name === 'BEGIN' && isVCardValue) {
			if (open) unterminated(open);
			if (count >= IMPORT_LIMITS.cards) {
				return {
					ok: false,
					reason: 'too_many',
					message: `This file holds more than ${IMPORT_LIMITS.cards.toLocaleString('en')} contacts. Export them in smaller groups and import each file.`
				};
			}
			open = { index: count++, line: number, properties: [] };
		} else if (property.name === 'END' && isVCardValue) {
			if (open) cards.push(open);
			open = null;
		} else if (open) {
			open.properties.push(property);
		}
	}
	if (open) {
		if (options.isUnterminatedKept) cards.push(open);
		else unterminated(open);
	}
	if (cards.length === 0 && problems.length === 0) {
		return {
			ok: false,
			reason: 'wrong_format',
			message:
				'No contact cards were found in this file. Choose a .vcf file exported from your phone or contacts app.'
		};
	}
	const contacts: ImportedContact[] = [];
	for (const card of cards) {
		const finished = finishContact(draftOf(card.properties), {
			source: options.source ?? 'vcard',
			where: `Card ${card.index + 1} (line ${card.line})`
		});
		if (finished.contact) contacts.push(finished.contact);
		if (finished.message) {
			problems.push({
				index: card.index,
				line: card.line,
				message: finished.message,
				isSkipped: finished.contact === null
			});
		}
	}
	problems.sort((a, b) => a.index - b.index);
	return { ok: true, contacts, problems };
}

/**
 * Unfolds physical lines into logical ones: a line that begins with a space or a tab continues
 * the one before (without that character), and in a quoted-printable value a line ending in `=`
 * (a soft line break) continues on the next line whatever it begins with.
 */
function logicalLines(text: string): { text: string; number: number }[] {
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
function parseProperty(line: string): Property | null {
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
function transferDecoded(property: Property): string {
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
function unescaped(text: string, version: string): string {
	if (version === '2.1') return text.replace(/\\;/g, ';');
	return text.replace(/\\([\s\S])/g, (escape, c: string) =>
		c === 'n' || c === 'N' ? '\n' : ',;:\\'.includes(c) ? c : escape
	);
}

/** A structured value (N, ORG) split at its unescaped `;`, each component unescaped. */
function components(text: string, version: string): string[] {
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

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** A display name from N (family; given; additional; prefix; suffix): family first in CJK. */
function nameFromN(parts: string[]): string {
	const [family = '', given = '', additional = ''] = parts;
	if (CJK.test(family + given)) return `${family}${given}`;
	return [given, additional, family].filter(Boolean).join(' ');
}

/** Apple writes a standard label as `_$!<HomePage>!$_`: it becomes "home page". */
function labelText(raw: string): string {
	const apple = /^_\$!<(.*)>!\$_$/.exec(raw.trim());
	return apple ? (apple[1] ?? '').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase() : raw;
}

const TYPE_LABELS: Record<string, string> = {
	work: 'work',
	home: 'home',
	cell: 'mobile',
	mobile: 'mobile',
	iphone: 'iPhone',
	main: 'main',
	fax: 'fax',
	pager: 'pager',
	other: 'other',
	linkedin: 'LinkedIn',
	twitter: 'Twitter',
	x: 'X',
	github: 'GitHub',
	mastodon: 'Mastodon',
	blog: 'blog'
};

/** The first TYPE a person would call the link by ("work", "mobile"), or ''. */
function typeLabel(types: string[]): string {
	for (const type of types) {
		const label = TYPE_LABELS[type];
		if (label) return label;
	}
	return '';
}

/** The person a card describes, before imported-contact.ts applies the limits. */
function draftOf(properties: Property[]): ContactDraft {
	const version = properties.find((p) => p.name === 'VERSION')?.value.trim() ?? '3.0';
	const labels = new Map<string, string>();
	for (const p of properties) {
		if (p.name === 'X-ABLABEL' && p.group) {
			labels.set(p.group, labelText(unescaped(transferDecoded(p), version)));
		}
	}
	const draft = newDraft();
	let fn = '';
	let n = '';
	let nickname = '';
	let role = '';
	const notes: string[] = [];
	for (const p of properties) {
		if (['PHOTO', 'LOGO', 'SOUND', 'KEY', 'X-ABLABEL'].includes(p.name)) continue;
		const label = (p.group && labels.get(p.group)) || typeLabel(p.types);
		const value = transferDecoded(p);
		switch (p.name) {
			case 'FN':
				fn ||= unescaped(value, version).trim();
				break;
			case 'N':
				n ||= nameFromN(components(value, version));
				break;
			case 'NICKNAME':
				nickname ||= unescaped(value, version).split(',')[0]?.trim() ?? '';
				break;
			case 'ORG':
				draft.company ||= components(value, version)[0] ?? '';
				break;
			case 'TITLE':
				draft.headline ||= unescaped(value, version).trim();
				break;
			case 'ROLE':
				role ||= unescaped(value, version).trim();
				break;
			case 'NOTE':
				notes.push(unescaped(value, version));
				break;
			case 'EMAIL':
				addLink(draft, emailLink(unescaped(value, version), label));
				break;
			case 'TEL':
				addLink(draft, phoneLink(unescaped(value, version), label));
				break;
			case 'URL':
			case 'X-SOCIALPROFILE':
			case 'SOCIALPROFILE':
			case 'IMPP':
				addLink(draft, webLink(unescaped(value, version), { isBareAllowed: true, label }));
				break;
		}
	}
	const firstEmail = draft.links.find((l) => l.kind === 'email')?.url.slice(7) ?? '';
	draft.name = fn || n || nickname || draft.company || firstEmail;
	draft.headline ||= role;
	draft.note = notes.join('\n\n');
	return draft;
}

// A tolerant reader of .vcf files: vCard 2.1, 3.0 and 4.0, many cards a file, as phones and
// contact apps really write them (folded lines, quoted-printable in any charset, escaped text,
// grouped properties with Apple's labels, Google's `http\://`). Invariants: never throws; a file
// is refused as a whole (too large, binary, more than IMPORT_LIMITS.cards cards, no card at all)
// or read card by card, and every card is either an ImportedContact that keeps the invariants of
// imported-contact.ts or a problem with a sentence (no name, never ended). Work is linear in the
// file's size (the line syntax is vcard-lines.ts's); PHOTO, LOGO, SOUND and KEY are never
// decoded (a contact without an account has no photo: its snapshot only holds a server path).
import {
	IMPORT_LIMITS,
	addLink,
	finishContact,
	newDraft,
	type ContactDraft,
	type ImportProblem,
	type ImportResult,
	type ImportSource,
	type ImportedContact
} from './imported-contact';
import { emailLink, phoneLink, webLink } from './imported-links';
import { fileText, type FileInput } from './import-text';
import {
	components,
	logicalLines,
	parseProperty,
	transferDecoded,
	unescaped,
	type Property
} from './vcard-lines';

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

// My people as CSV, for spreadsheets: one row per person I have not forgotten (archived people
// included, marked), with their card, my notes, tags, channel, event and last interaction.
// Invariants:
// - the text starts with a UTF-8 byte order mark (U+FEFF), so Excel reads accents and emoji as
//   UTF-8; every row, the last included, ends with CRLF (RFC 4180);
// - a field holding a comma, a semicolon (the separator of spreadsheets in many locales), a
//   quote, CR or LF is quoted, its quotes doubled; line breaks inside a field are kept as written;
// - formula injection is neutralised: a cell whose text begins with `=`, `+`, `-`, `@`, tab or
//   carriage return gets a leading apostrophe (`'`), so no spreadsheet runs it as a formula
//   (OWASP's advice). The apostrophe is visible in some apps, a phone number "+49…" included: the
//   JSON export is the lossless one;
// - other control characters become spaces, a lone surrogate U+FFFD (the file is valid UTF-8);
// - only links that pass the server's safe-URL rule are written (as text).
import { datedFileName } from './export-file-names';
import { localDay } from './follow-ups/dates';
import { LOG_KIND_LABELS } from './interaction-words';
import {
	type Connection,
	type EventRecord,
	type Interaction,
	type InteractionKind
} from './records';
import { isSafeUrl, type CardLink } from './card';
import { CADENCE_LABELS, CHANNEL_LABELS, isLaterThan, isTouch } from './touch';

/** The MIME type of a CSV file (RFC 4180 §3); the BOM tells its charset. */
export const CSV_MIME = 'text/csv';

/** The header row, in column order; each column is documented in docs/export-format.md. */
export const CSV_HEADERS = [
	'Name',
	'Headline',
	'Company',
	'Email',
	'Phone',
	'LinkedIn',
	'Websites',
	'They can help with',
	'They are looking for',
	'Event',
	'Met on',
	'Channel',
	'Tags',
	'Cadence',
	'Memory note',
	'How I can help',
	'Promise',
	'Last interaction',
	'Last interaction kind',
	'Archived'
] as const;

/** What the CSV is made of: everything is looked up from these, nothing is read elsewhere. */
export interface PeopleCsvInput {
	connections: Iterable<Connection>;
	/** Interactions naming them (for the last one); forgotten ones are left out. */
	interactions: Iterable<Interaction>;
	/** Events, for the names of the events I met people at. */
	events: Iterable<EventRecord>;
}

export interface PeopleCsvOptions {
	/** The IANA zone dates are told in (the device's); UTC when absent. */
	timeZone?: string;
}

/** Several values in one cell (tags, two email addresses) are joined by this. */
export const LIST_SEPARATOR = '; ';

const BOM = '\uFEFF';
const ROW_END = '\r\n';

const KIND_WORDS: Record<InteractionKind, string> = {
	met: 'Met',
	note: 'Note',
	...LOG_KIND_LABELS
};

/** The characters a spreadsheet may start a formula with (and tab and CR, which hide one). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A field that must be quoted. */
const NEEDS_QUOTES = /[",;\r\n]/;
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A cell's text with a leading apostrophe when a spreadsheet would read it as a formula. */
export function neutraliseFormula(text: string): string {
	return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One CSV field: cleaned, neutralised, and quoted (quotes doubled) when it has to be. */
export function csvField(value: string): string {
	const text = neutraliseFormula(value.replace(CONTROL, ' ').replace(LONE_SURROGATE, '\uFFFD'));
	return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One row: its fields and the CRLF that ends it. */
export function csvRow(values: readonly string[]): string {
	return values.map(csvField).join(',') + ROW_END;
}

/** The links of a card by column: email addresses, phone numbers, LinkedIn, other web links. */
function linkColumns(links: readonly CardLink[]) {
	const emails: string[] = [];
	const phones: string[] = [];
	const linkedIn: string[] = [];
	const websites: string[] = [];
	for (const link of links) {
		if (!isSafeUrl(link.url)) continue;
		const scheme = link.url.slice(0, link.url.indexOf(':')).toLowerCase();
		if (scheme === 'mailto') emails.push(safeDecode(link.url.slice(7).split('?')[0] ?? ''));
		else if (scheme === 'tel') phones.push(link.url.slice(4));
		else if (link.kind === 'linkedin') linkedIn.push(link.url);
		else websites.push(link.url);
	}
	return { emails, phones, linkedIn, websites };
}

/** The newest interaction that touches the relationship, for each person it names. */
function lastTouches(interactions: Iterable<Interaction>): Map<string, Interaction> {
	const last = new Map<string, Interaction>();
	for (const interaction of interactions) {
		if (!isTouch(interaction) || !interaction.at) continue;
		for (const person of interaction.people) {
			const seen = last.get(person);
			if (!seen || isLaterThan(interaction.at, seen.at)) last.set(person, interaction);
		}
	}
	return last;
}

/** The cells of one person, in CSV_HEADERS order. */
function cellsOf(
	c: Connection,
	eventName: string,
	last: Interaction | undefined,
	timeZone: string
): string[] {
	const s = c.snapshot;
	const links = linkColumns(s.links);
	const dayOf = (iso: string) => (iso ? localDay(Date.parse(iso), timeZone) : '');
	return [
		s.name,
		s.headline,
		s.company,
		links.emails.join(LIST_SEPARATOR),
		links.phones.join(LIST_SEPARATOR),
		links.linkedIn.join(LIST_SEPARATOR),
		links.websites.join(LIST_SEPARATOR),
		s.canHelpWith,
		s.lookingFor,
		eventName,
		dayOf(c.metAt),
		CHANNEL_LABELS[c.channel],
		c.tags.join(LIST_SEPARATOR),
		c.cadence ? CADENCE_LABELS[c.cadence] : '',
		c.memoryNote,
		c.howICanHelp,
		c.promise,
		last ? dayOf(last.at) : '',
		last ? KIND_WORDS[last.kind] : '',
		c.archived ? 'Yes' : ''
	];
}

/** My people as one CSV text (BOM, header row, one row per person in the order given). */
export function peopleToCsv(input: PeopleCsvInput, options: PeopleCsvOptions = {}): string {
	const timeZone = options.timeZone ?? 'UTC';
	const eventNames = new Map<string, string>();
	for (const event of input.events) eventNames.set(event.id, event.name);
	const last = lastTouches(input.interactions);
	const rows = [BOM + csvRow(CSV_HEADERS)];
	for (const c of input.connections) {
		if (c.deleted) continue;
		rows.push(csvRow(cellsOf(c, eventNames.get(c.event) ?? '', last.get(c.id), timeZone)));
	}
	return rows.join('');
}

/** The file name of the CSV: `tend-people-YYYY-MM-DD.csv` (the local day). */
export function peopleCsvFileName(now: number, timeZone = 'UTC'): string {
	return datedFileName('tend-people', 'csv', now, timeZone);
}

/** Percent-decodes a mailto address, keeping the raw text when it is not valid encoding. */
function safeDecode(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}

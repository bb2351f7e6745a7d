// LinkedIn's Connections.csv (Settings → Data privacy → Get a copy of your data → Connections) as
// LinkedIn writes it today: a few "Notes:" lines, then the header row `First Name,Last Name,URL,
// Email Address,Company,Position,Connected On`, then one row per connection ("Connected On" like
// `12 Mar 2024`). Invariants: never throws; the file is refused as a whole (too large, binary, no
// header row, more than IMPORT_LIMITS.rows rows) or read row by row, each row an ImportedContact
// (imported-contact.ts's invariants) or a problem with a sentence; columns are found by their name
// (any case, any order), so a reordered or extended export still reads.
import { parseCsv, type CsvRow } from './csv-parse';
import {
	IMPORT_LIMITS,
	addLink,
	finishContact,
	newDraft,
	type ImportProblem,
	type ImportResult,
	type ImportedContact
} from './imported-contact';
import { emailLink, webLink } from './imported-links';
import { fileText, type FileInput } from './import-text';

const COLUMNS = {
	firstName: ['first name'],
	lastName: ['last name'],
	url: ['url', 'profile url'],
	email: ['email address', 'email'],
	company: ['company'],
	position: ['position'],
	connectedOn: ['connected on']
} as const;

type Column = keyof typeof COLUMNS;

/** How far into the file the header row may be (after LinkedIn's notes). */
const HEADER_SEARCH_ROWS = 30;

const MONTHS = [
	'january',
	'february',
	'march',
	'april',
	'may',
	'june',
	'july',
	'august',
	'september',
	'october',
	'november',
	'december'
];

/**
 * "Connected On" as an ISO time at 12:00 UTC of that day (noon: the same calendar day in every
 * time zone a person is likely in), or '' when unreadable. Reads `12 Mar 2024` (LinkedIn's),
 * `12-Mar-24`, `Mar 12, 2024` and `2024-03-12`.
 */
export function connectedOnToIso(raw: string): string {
	const text = raw.trim();
	let year: number;
	let month: number;
	let day: number;
	const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
	const dayFirst = /^(\d{1,2})[\s-]+([A-Za-z]{3,9})\.?[\s,-]+(\d{2}|\d{4})$/.exec(text);
	const monthFirst = /^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$/.exec(text);
	if (iso) {
		[year, month, day] = [Number(iso[1]), Number(iso[2]) - 1, Number(iso[3])];
	} else if (dayFirst || monthFirst) {
		const [dayText, monthText, yearText] = dayFirst
			? [dayFirst[1], dayFirst[2], dayFirst[3]]
			: [monthFirst?.[2], monthFirst?.[1], monthFirst?.[3]];
		const name = (monthText ?? '').toLowerCase();
		// A month's name or an abbreviation of 3 letters or more: "Mar", "Sept", "March".
		month = name.length >= 3 ? MONTHS.findIndex((m) => m.startsWith(name)) : -1;
		year = Number(yearText);
		if (yearText?.length === 2) year += 2000;
		day = Number(dayText);
	} else {
		return '';
	}
	if (month < 0 || year < 1900 || year > 2200) return '';
	const time = Date.UTC(year, month, day, 12);
	const date = new Date(time);
	return date.getUTCMonth() === month && date.getUTCDate() === day ? date.toISOString() : '';
}

/** The index of each known column in the header row, or null when this is not the header. */
function headerOf(row: CsvRow): Partial<Record<Column, number>> | null {
	const names = row.cells.map((cell) =>
		cell
			.replace(/^\uFEFF/, '')
			.trim()
			.toLowerCase()
	);
	const found: Partial<Record<Column, number>> = {};
	for (const [column, aliases] of Object.entries(COLUMNS) as [Column, readonly string[]][]) {
		const at = names.findIndex((name) => aliases.includes(name));
		if (at >= 0) found[column] = at;
	}
	return found.firstName !== undefined && found.lastName !== undefined ? found : null;
}

/** Reads LinkedIn's Connections.csv (its bytes or its text) into contacts and problems. */
export function readLinkedInFile(input: FileInput): ImportResult {
	const file = fileText(input, 'csv');
	return file.ok ? readLinkedInText(file.text) : file;
}

/** Reads the text of a Connections.csv into contacts and problems, or refuses it. */
export function readLinkedInText(text: string): ImportResult {
	try {
		return readRows(text);
	} catch {
		// Nothing in readRows is written to throw; should something be missed, a sentence, not a crash.
		return {
			ok: false,
			reason: 'wrong_format',
			message: 'This Connections.csv could not be read.'
		};
	}
}

function readRows(text: string): ImportResult {
	const { rows, unclosedQuoteLine } = parseCsv(text.replace(/^\uFEFF/, ''));
	const headerAt = rows.slice(0, HEADER_SEARCH_ROWS).findIndex((row) => headerOf(row) !== null);
	const header = headerAt < 0 ? null : headerOf(rows[headerAt] as CsvRow);
	if (header === null) {
		return {
			ok: false,
			reason: 'wrong_format',
			message:
				'This is not LinkedIn’s Connections.csv: it has no row naming the columns First Name, Last Name, URL, Email Address, Company, Position and Connected On.'
		};
	}
	const width = (rows[headerAt] as CsvRow).cells.length;
	const data = rows.slice(headerAt + 1);
	if (data.length > IMPORT_LIMITS.rows) {
		return {
			ok: false,
			reason: 'too_many',
			message: `This file holds more than ${IMPORT_LIMITS.rows.toLocaleString('en')} rows, more than LinkedIn lets anyone connect with, so it was not read.`
		};
	}
	const contacts: ImportedContact[] = [];
	const problems: ImportProblem[] = [];
	data.forEach((row, index) => {
		if (row.cells.every((cell) => cell.trim() === '')) return;
		const where = `Row ${index + 1} (line ${row.line})`;
		if (row.cells.slice(width).some((cell) => cell.trim() !== '')) {
			problems.push({
				index,
				line: row.line,
				message: `${where} has more cells than the header row (a comma outside quotes?), so it was left out.`,
				isSkipped: true
			});
			return;
		}
		const cell = (column: Column) => {
			const at = header[column];
			return at === undefined ? '' : (row.cells[at] ?? '');
		};
		const draft = newDraft();
		draft.name = `${cell('firstName')} ${cell('lastName')}`;
		draft.company = cell('company');
		draft.headline = cell('position');
		draft.metAt = connectedOnToIso(cell('connectedOn'));
		if (cell('url').trim()) addLink(draft, webLink(cell('url'), { isBareAllowed: true }));
		if (cell('email').trim()) addLink(draft, emailLink(cell('email')));
		const finished = finishContact(draft, { source: 'linkedin', where });
		if (finished.contact) contacts.push(finished.contact);
		if (finished.message) {
			problems.push({
				index,
				line: row.line,
				message: finished.message,
				isSkipped: finished.contact === null
			});
		}
	});
	if (unclosedQuoteLine > 0) {
		problems.push({
			index: data.length,
			line: unclosedQuoteLine,
			message: `A quoted cell opens on line ${unclosedQuoteLine} and never closes, so the rest of the file from there was left out.`,
			isSkipped: true
		});
	}
	return { ok: true, contacts, problems };
}

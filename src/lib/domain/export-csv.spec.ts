import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
	CSV_HEADERS,
	CSV_MIME,
	csvField,
	neutraliseFormula,
	peopleCsvFileName,
	peopleToCsv
} from './export-csv';
import { event } from './follow-ups/testing/network';
import { AWKWARD_TEXT } from './testing/awkward-text';
import { aPerson, anInteraction } from './testing/records';

/** The rows of a CSV text as papaparse (a third-party parser) reads them, BOM removed. */
function rows(csv: string): string[][] {
	expect(csv.startsWith('\uFEFF')).toBe(true);
	const result = Papa.parse<string[]>(csv.slice(1), { newline: '\r\n', skipEmptyLines: false });
	expect(result.errors).toEqual([]);
	// The text ends with CRLF, which papaparse reads as one more, empty, row.
	expect(result.data.at(-1)).toEqual(['']);
	return result.data.slice(0, -1);
}

/** Each person's row as an object keyed by header. */
function records(csv: string): Record<string, string>[] {
	const [header, ...body] = rows(csv);
	expect(header).toEqual([...CSV_HEADERS]);
	return body.map((row) => Object.fromEntries(CSV_HEADERS.map((h, i) => [h, row[i] ?? ''])));
}

/** What a cell reads back as: the text, an apostrophe before a formula's first character. */
const asCell = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

const devConf = event('evtdevconf00001', 'DevConf, Berlin', '2026-05-01T08:00:00.000Z');

describe('peopleToCsv', () => {
	it('writes a BOM, a header row and one CRLF-ended row per person', () => {
		const csv = peopleToCsv({
			connections: [aPerson(), aPerson()],
			interactions: [],
			events: []
		});
		expect(csv.startsWith('\uFEFFName,Headline,Company,Email,')).toBe(true);
		expect(csv.endsWith('\r\n')).toBe(true);
		expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
		expect(rows(csv)).toHaveLength(3);
		expect(CSV_MIME).toBe('text/csv');
	});

	it('writes their card, my notes, tags, channel, event and last interaction', () => {
		const ann = aPerson({
			snapshot: {
				name: 'Ann Lee',
				headline: 'CTO',
				company: 'Acme',
				canHelpWith: 'Hardware',
				lookingFor: 'Funding',
				links: [
					{ kind: 'email', url: 'mailto:ann@example.org' },
					{ kind: 'email', url: 'mailto:ann%40work@example.org' },
					{ kind: 'phone', url: 'tel:+49 30 1234567' },
					{ kind: 'linkedin', url: 'https://www.linkedin.com/in/ann' },
					{ kind: 'website', url: 'https://ann.example.org' },
					{ kind: 'other', url: 'javascript:alert(1)' }
				]
			},
			event: devConf.id,
			metAt: '2026-05-01T22:30:00.000Z',
			channel: 'online',
			tags: ['robotics', 'berlin'],
			cadence: 'close',
			memoryNote: 'Gardens',
			howICanHelp: 'Intro to Bo',
			promise: 'Send the paper',
			archived: true
		});
		const interactions = [
			anInteraction({ people: [ann.id], kind: 'gave', at: '2026-05-03T09:00:00.000Z' }),
			anInteraction({ people: [ann.id], kind: 'conversation', at: '2026-05-10T09:00:00.000Z' }),
			// A note to myself and a deleted interaction are not the last interaction.
			anInteraction({ people: [ann.id], kind: 'note', at: '2026-05-20T09:00:00.000Z' }),
			anInteraction({
				people: [ann.id],
				kind: 'asked',
				at: '2026-05-21T09:00:00.000Z',
				deleted: '2026-05-22T09:00:00.000Z'
			})
		];
		const [row] = records(
			peopleToCsv(
				{ connections: [ann], interactions, events: [devConf] },
				{ timeZone: 'Europe/Berlin' }
			)
		);
		expect(row).toEqual({
			Name: 'Ann Lee',
			Headline: 'CTO',
			Company: 'Acme',
			Email: 'ann@example.org; ann@work@example.org',
			Phone: "'+49 30 1234567",
			LinkedIn: 'https://www.linkedin.com/in/ann',
			Websites: 'https://ann.example.org',
			'They can help with': 'Hardware',
			'They are looking for': 'Funding',
			Event: 'DevConf, Berlin',
			'Met on': '2026-05-02',
			Channel: 'Online',
			Tags: 'robotics; berlin',
			Cadence: 'Close (every month)',
			'Memory note': 'Gardens',
			'How I can help': 'Intro to Bo',
			Promise: 'Send the paper',
			'Last interaction': '2026-05-10',
			'Last interaction kind': 'Talked',
			Archived: 'Yes'
		});
	});

	it('leaves out forgotten people, and the cells of what is not known empty', () => {
		const csv = peopleToCsv({
			connections: [
				aPerson({ snapshot: { name: 'Bo' }, event: 'eventidunknown1' }),
				aPerson({ snapshot: { name: 'Gone' }, deleted: '2026-05-02T09:00:00.000Z' })
			],
			interactions: [],
			events: []
		});
		const [bo, ...rest] = records(csv);
		expect(rest).toEqual([]);
		expect(bo?.Name).toBe('Bo');
		expect(bo?.Event).toBe('');
		expect(bo?.Cadence).toBe('');
		expect(bo?.['Last interaction']).toBe('');
		expect(bo?.['Met on']).toBe('2026-05-01');
	});

	it.each(AWKWARD_TEXT)('round-trips %s in every field through papaparse', (_, value) => {
		const short = Array.from(value).slice(0, 3).join('');
		const person = aPerson({
			snapshot: {
				name: value,
				headline: value,
				company: value,
				canHelpWith: value,
				lookingFor: value
			},
			tags: [value, short],
			memoryNote: value,
			howICanHelp: value,
			promise: value
		});
		const [row] = records(peopleToCsv({ connections: [person], interactions: [], events: [] }));
		for (const header of [
			'Name',
			'Headline',
			'Company',
			'They can help with',
			'They are looking for',
			'Memory note',
			'How I can help',
			'Promise'
		] as const) {
			expect(row?.[header]).toBe(asCell(value));
		}
		expect(row?.Tags).toBe(asCell(`${value}; ${short}`));
	});
});

describe('formula injection', () => {
	it.each([
		['=1+1', "'=1+1"],
		['=HYPERLINK("http://x")', '"\'=HYPERLINK(""http://x"")"'],
		['+1', "'+1"],
		['-1', "'-1"],
		['@SUM(A1)', "'@SUM(A1)"],
		['\t=1', "'\t=1"],
		['\r=1', '"\'\r=1"']
	])('neutralises %j as %j', (value, field) => {
		expect(csvField(value)).toBe(field);
	});

	it('leaves other text alone, a formula sign inside it included', () => {
		expect(neutraliseFormula('Ann = Bo + 1')).toBe('Ann = Bo + 1');
		expect(neutraliseFormula(' =1')).toBe(' =1');
		expect(neutraliseFormula('')).toBe('');
		expect(csvField('plain')).toBe('plain');
	});

	it('quotes separators, quotes and line breaks, doubling quotes (RFC 4180)', () => {
		expect(csvField('a,b')).toBe('"a,b"');
		expect(csvField('a;b')).toBe('"a;b"');
		expect(csvField('say "hi"')).toBe('"say ""hi"""');
		expect(csvField('a\nb')).toBe('"a\nb"');
		expect(csvField('a\r\nb')).toBe('"a\r\nb"');
	});

	it('turns other control characters into spaces and a lone surrogate into U+FFFD', () => {
		expect(csvField('a\u0000b\u0007c\u0085d')).toBe('a b c d');
		expect(csvField('a\uD800b')).toBe('a\uFFFDb');
	});
});

describe('peopleCsvFileName', () => {
	it('names the file by the local day', () => {
		const now = Date.parse('2026-05-01T23:30:00.000Z');
		expect(peopleCsvFileName(now)).toBe('tend-people-2026-05-01.csv');
		expect(peopleCsvFileName(now, 'Asia/Tokyo')).toBe('tend-people-2026-05-02.csv');
	});
});

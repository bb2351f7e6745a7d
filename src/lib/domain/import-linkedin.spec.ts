import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { prng } from '$lib/testing/prng';
import { parseCsv } from './csv-parse';
import { readContactsFile } from './import-contacts';
import { connectedOnToIso, readLinkedInFile, readLinkedInText } from './import-linkedin';
import { IMPORT_LIMITS, type ImportResult, type ImportedContact } from './imported-contact';
import { expectClean } from './testing/contact-invariants';
import {
	GOOGLE_EXPORT,
	LINKEDIN_EXPORT,
	LINKEDIN_HEADER,
	LINKEDIN_NOTES
} from './testing/contact-files';

/** The contacts of a file that must read (each checked against the invariants). */
function contactsOf(result: ImportResult): ImportedContact[] {
	if (!result.ok) throw new Error(`refused: ${result.message}`);
	expectClean(result.contacts);
	return result.contacts;
}

const csv = (...rows: string[]) => rows.join('\r\n') + '\r\n';

describe('parseCsv', () => {
	it('reads quoted cells with commas, doubled quotes and line breaks, and knows each row’s line', () => {
		expect(parseCsv('a,"b,c","say ""hi"""\r\n"two\r\nlines",x\n\nlast,')).toEqual({
			rows: [
				{ cells: ['a', 'b,c', 'say "hi"'], line: 1 },
				{ cells: ['two\r\nlines', 'x'], line: 2 },
				{ cells: [''], line: 4 },
				{ cells: ['last', ''], line: 5 }
			],
			unclosedQuoteLine: 0
		});
	});

	it('reads a quote inside an unquoted cell as a character, and text after a closing quote', () => {
		expect(parseCsv('=HYPERLINK("x"),"a"b\rc').rows).toEqual([
			{ cells: ['=HYPERLINK("x")', 'ab'], line: 1 },
			{ cells: ['c'], line: 2 }
		]);
	});

	it('reports a quoted cell that never closes, keeping the rows before it', () => {
		expect(parseCsv('a,b\nc,"open\nd,e\n')).toEqual({
			rows: [{ cells: ['a', 'b'], line: 1 }],
			unclosedQuoteLine: 2
		});
	});

	it('agrees with papaparse on 300 generated files of awkward cells', () => {
		const random = prng(4180);
		const pieces = ['a', 'é', '😀', ',', '"', '""', '\r\n', '\n', ' ', '=1+1', 'מרים', ';', '\\'];
		for (let file = 0; file < 300; file++) {
			const rows = Array.from({ length: 1 + Math.floor(random() * 5) }, () =>
				Array.from({ length: 1 + Math.floor(random() * 4) }, () =>
					Array.from(
						{ length: Math.floor(random() * 6) },
						() => pieces[Math.floor(random() * pieces.length)]
					).join('')
				)
			);
			// Every cell quoted, as RFC 4180 allows: both parsers must give the cells back.
			const text = rows
				.map((cells) => cells.map((c) => `"${c.replace(/"/g, '""')}"`).join(','))
				.join('\r\n');
			const ours = parseCsv(text).rows.map((r) => r.cells);
			const theirs = Papa.parse<string[]>(text, { delimiter: ',', newline: '\r\n' }).data;
			expect(ours).toEqual(rows);
			expect(theirs).toEqual(rows);
		}
	});
});

describe('connectedOnToIso', () => {
	it.each([
		['12 Mar 2024', '2024-03-12T12:00:00.000Z'],
		['01 Feb 2023', '2023-02-01T12:00:00.000Z'],
		['7 Sept 2021', '2021-09-07T12:00:00.000Z'],
		['12-Mar-24', '2024-03-12T12:00:00.000Z'],
		['March 12, 2024', '2024-03-12T12:00:00.000Z'],
		['2024-03-12', '2024-03-12T12:00:00.000Z'],
		['29 Feb 2024', '2024-02-29T12:00:00.000Z'],
		['29 Feb 2023', ''],
		['31 Feb 2024', ''],
		['12 Mrz 2024', ''],
		['12 Ma 2024', ''],
		['12/03/2024', ''],
		['', ''],
		['yesterday', '']
	])('reads %j as %j', (raw, iso) => {
		expect(connectedOnToIso(raw)).toBe(iso);
	});
});

describe('readLinkedInFile', () => {
	it('reads LinkedIn’s Connections.csv, notes, BOM and all', () => {
		const result = readLinkedInFile(new TextEncoder().encode(LINKEDIN_EXPORT));
		const contacts = contactsOf(result);
		expect(contacts[0]).toEqual({
			name: 'Ann Lee',
			headline: 'Head of Hardware',
			company: 'Acme Robotics',
			links: [{ kind: 'linkedin', url: 'https://www.linkedin.com/in/annlee' }],
			note: '',
			metAt: '2024-03-12T12:00:00.000Z',
			source: 'linkedin',
			channel: 'imported'
		});
		expect(contacts[1]).toMatchObject({
			name: 'Jörg Müller',
			company: 'Müller, Schmidt & Partner',
			headline: 'CTO, Co-founder',
			links: [
				{ kind: 'linkedin', url: 'https://www.linkedin.com/in/j%C3%B6rg-m%C3%BCller-4b2a19' },
				{ kind: 'email', url: 'mailto:joerg@example.de' }
			]
		});
		expect(contacts[2]).toMatchObject({
			name: 'Priya Raman',
			company: 'BigCo "Labs"',
			headline: 'Product Lead (Payments)',
			metAt: '2022-02-28T12:00:00.000Z'
		});
		expect(contacts[3]).toMatchObject({ name: '山田 太郎', metAt: '2021-09-07T12:00:00.000Z' });
		// A formula is only text here (the CSV export neutralises it); an impossible date is unknown.
		expect(contacts[4]).toMatchObject({
			name: 'Mia Chen',
			company: '=HYPERLINK("http://evil.example")',
			metAt: ''
		});
		expect(result.ok && result.problems).toEqual([
			{
				index: 4,
				line: 10,
				isSkipped: true,
				message: 'Row 5 (line 10) has no name, so it was left out.'
			}
		]);
	});

	it('finds its columns by name, in any order and case', () => {
		const text = csv(
			'connected on,POSITION,url,Last Name,first name,Extra',
			'5 May 2025,Chef,https://linkedin.com/in/li,Lee,Li,whatever'
		);
		expect(contactsOf(readLinkedInText(text))).toEqual([
			{
				name: 'Li Lee',
				headline: 'Chef',
				company: '',
				links: [{ kind: 'linkedin', url: 'https://linkedin.com/in/li' }],
				note: '',
				metAt: '2025-05-05T12:00:00.000Z',
				source: 'linkedin',
				channel: 'imported'
			}
		]);
	});

	it('reports and skips bad rows, keeping the rest', () => {
		const result = readLinkedInText(
			csv(
				LINKEDIN_HEADER,
				'Ann,Lee,https://www.linkedin.com/in/annlee,,Acme, Inc,CTO,1 Jan 2024',
				'Bo,Li,javascript:alert(1),not-an-email,,,1 Jan 2024',
				'Cy,Ng,,,,,1 Jan 2024,',
				'Di,"Open'
			)
		);
		expect(contactsOf(result).map((c) => c.name)).toEqual(['Bo Li', 'Cy Ng']);
		expect(result.ok && result.problems.map((p) => [p.index, p.line, p.isSkipped])).toEqual([
			[0, 2, true],
			[1, 3, false],
			[3, 5, true]
		]);
		expect(result.ok && result.problems.map((p) => p.message)).toEqual([
			'Row 1 (line 2) has more cells than the header row (a comma outside quotes?), so it was left out.',
			'Row 2 (line 3), Bo Li: 2 links were left out (only web addresses, email addresses and phone numbers are kept).',
			'A quoted cell opens on line 5 and never closes, so the rest of the file from there was left out.'
		]);
	});

	it('refuses a file without the header row, binary files and too many rows', () => {
		expect(readLinkedInText(csv('Name,Email', 'Ann,ann@example.org'))).toMatchObject({
			ok: false,
			reason: 'wrong_format'
		});
		expect(readLinkedInFile(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 0]))).toMatchObject({
			reason: 'archive'
		});
		expect(readLinkedInFile(new Uint8Array(IMPORT_LIMITS.fileBytes + 1))).toMatchObject({
			reason: 'too_large'
		});
		const row = 'A,B,https://www.linkedin.com/in/ab,,C,D,1 Jan 2024';
		const full = csv(
			...LINKEDIN_NOTES,
			LINKEDIN_HEADER,
			...Array<string>(IMPORT_LIMITS.rows).fill(row)
		);
		expect(contactsOf(readLinkedInText(full))).toHaveLength(IMPORT_LIMITS.rows);
		expect(readLinkedInText(full + row)).toMatchObject({ ok: false, reason: 'too_many' });
	});

	it('never throws on random text with CSV fragments', () => {
		const random = prng(31);
		const pieces = [
			LINKEDIN_HEADER,
			',',
			'"',
			'\r\n',
			'\n',
			'Ann',
			'https://',
			'javascript:',
			'\u0000',
			'😀',
			'12 Mar 2024'
		];
		for (let i = 0; i < 300; i++) {
			const text = Array.from(
				{ length: 40 },
				() => pieces[Math.floor(random() * pieces.length)] ?? ''
			).join('');
			const result = readLinkedInText(text);
			if (result.ok) expectClean(result.contacts);
			else expect(result.message).toMatch(/\.$/);
		}
	});
});

describe('readContactsFile', () => {
	it('tells a .vcf file from a Connections.csv by its content', () => {
		const vcf = contactsOf(readContactsFile(GOOGLE_EXPORT));
		expect(vcf.map((c) => c.source)).toEqual(['vcard', 'vcard']);
		const linkedin = contactsOf(readContactsFile(new TextEncoder().encode(LINKEDIN_EXPORT)));
		expect(linkedin).toHaveLength(5);
		expect(readContactsFile('just some text')).toEqual({
			ok: false,
			reason: 'wrong_format',
			message:
				'No contacts were found in this file. Choose a .vcf file or LinkedIn’s Connections.csv.'
		});
	});
});

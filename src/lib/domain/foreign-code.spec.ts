import { describe, expect, it } from 'vitest';
import { prng } from '$lib/testing/prng';
import { decodeScannedText } from './event-code';
import { MAX_FOREIGN_CHARS, decodeAnyScan, nameFromProfile, type AnyScan } from './foreign-code';
import type { ImportedContact } from './imported-contact';
import { encodeSwapCode } from './swap-payload';
import { expectClean } from './testing/contact-invariants';
import { cardToVCard } from './vcard';

const NOW = Date.UTC(2026, 8, 12, 9, 0, 0);
const ORIGIN = 'https://tend.example.org';
const OPTIONS = { expectedOrigins: [ORIGIN], now: NOW };
const scan = (text: unknown) => decodeAnyScan(text, OPTIONS);

const TOKEN = `abcdefghij12345.1.${Math.floor((NOW + 30 * 86_400_000) / 1000).toString(36)}.AbCdEfGhIjKlMnOpQrSt_-`;

function personCode(name = 'Ann Lee'): string {
	const result = encodeSwapCode(ORIGIN, TOKEN, { name, headline: 'CTO', company: 'Acme' });
	if (!result.ok) throw new Error(result.message);
	return result.value;
}

/** The contact a scan gave; fails the test with the scan's sentence otherwise. */
function contactOf(result: AnyScan): ImportedContact {
	if (result.kind !== 'contact') throw new Error(`not a contact: ${JSON.stringify(result)}`);
	expectClean([result.contact]);
	return result.contact;
}

const BADGE = [
	'BEGIN:VCARD',
	'VERSION:3.0',
	'N:Doe;John;;;',
	'FN:John Doe',
	'ORG:Acme Conferences',
	'TITLE:Speaker',
	'TEL;TYPE=CELL:+1 555 0100 123',
	'EMAIL:john@example.org',
	'URL:https://john.example.org',
	'ADR;TYPE=WORK:;;1 Market St;San Francisco;CA;94105;USA',
	'END:VCARD'
].join('\n');

describe('decodeAnyScan: codes from other apps', () => {
	it('adds a badge’s vCard QR (longer than any Tend code) as a contact met in person', () => {
		expect(BADGE.length).toBeGreaterThan(200);
		expect(decodeScannedText(BADGE, OPTIONS)).toMatchObject({ kind: 'junk' });
		expect(contactOf(scan(BADGE))).toEqual({
			name: 'John Doe',
			headline: 'Speaker',
			company: 'Acme Conferences',
			links: [
				{ kind: 'phone', label: 'mobile', url: 'tel:+1 555 0100 123' },
				{ kind: 'email', url: 'mailto:john@example.org' },
				{ kind: 'website', url: 'https://john.example.org/' }
			],
			note: '',
			metAt: '',
			source: 'scan',
			channel: 'in_person'
		});
	});

	it('reads a vCard QR without END:VCARD (a QR code is never cut short) and says what it dropped', () => {
		const result = scan('BEGIN:VCARD\nVERSION:3.0\nFN:Ann\nURL:javascript:alert(1)');
		expect(contactOf(result).name).toBe('Ann');
		expect(result.kind === 'contact' && result.message).toBe(
			'This card: 1 link was left out (only web addresses, email addresses and phone numbers are kept).'
		);
	});

	it('reads a MECARD with its escaping', () => {
		const contact = contactOf(
			scan(
				'MECARD:N:Doe\\, Jr.,John;TEL:+1 555 0100;EMAIL:john@example.org;URL:http\\://example.org/john;NOTE:Likes\\; semicolons\\: and colons;ORG:Acme;;'
			)
		);
		expect(contact).toMatchObject({
			name: 'John Doe, Jr.',
			company: 'Acme',
			note: 'Likes; semicolons: and colons',
			links: [
				{ kind: 'phone', url: 'tel:+1 555 0100' },
				{ kind: 'email', url: 'mailto:john@example.org' },
				{ kind: 'website', url: 'http://example.org/john' }
			]
		});
		expect(contactOf(scan('MECARD:N:山田,太郎;TEL:03-1234-5678;;')).name).toBe('山田太郎');
		expect(contactOf(scan('mecard:N:Ng;EMAIL:cy@example.org;;')).name).toBe('Ng');
	});

	it('reads a BIZCARD', () => {
		expect(
			contactOf(
				scan(
					'BIZCARD:N:Sean;X:Owen;T:Software Engineer;C:Example Inc.;A:76 9th Avenue;B:+12125551212;E:sean@example.com;;'
				)
			)
		).toMatchObject({
			name: 'Sean Owen',
			headline: 'Software Engineer',
			company: 'Example Inc.',
			links: [
				{ kind: 'phone', url: 'tel:+12125551212' },
				{ kind: 'email', url: 'mailto:sean@example.com' }
			]
		});
	});

	it('adds a LinkedIn profile link with a guessed name and without its tracking', () => {
		const contact = contactOf(
			scan('https://www.linkedin.com/in/ann-lee-4b2a19?utm_source=share&utm_medium=ios_app')
		);
		expect(contact).toMatchObject({
			name: 'Ann Lee',
			links: [{ kind: 'linkedin', url: 'https://www.linkedin.com/in/ann-lee-4b2a19' }]
		});
		expect(nameFromProfile('https://www.linkedin.com/in/j%C3%B6rg-m%C3%BCller')).toBe(
			'Jörg Müller'
		);
		expect(nameFromProfile('https://www.linkedin.com/in/%E0%A4%A')).toBe('');
	});

	it('adds any other http(s) link as a website, leaving the name to the person', () => {
		expect(contactOf(scan('  https://ann.example.org/about  '))).toMatchObject({
			name: '',
			links: [{ kind: 'website', url: 'https://ann.example.org/about' }]
		});
	});

	it.each([
		['a link hiding a login', 'https://www.linkedin.com@evil.example/in/ann', 'unsafe_link'],
		['a link too long to keep', `https://example.org/${'a'.repeat(400)}`, 'unsafe_link'],
		['a card without a name', 'BEGIN:VCARD\nTITLE:Nobody\nEND:VCARD', 'no_details'],
		['an empty MECARD', 'MECARD:;;', 'no_details'],
		[
			'a vCard larger than a QR code',
			`BEGIN:VCARD\nFN:${'x'.repeat(MAX_FOREIGN_CHARS)}`,
			'too_long'
		]
	])('refuses %s with a sentence of its own', (_, text, reason) => {
		const result = scan(text);
		expect(result).toMatchObject({ kind: 'junk', reason });
		expect(result.kind === 'junk' && result.message).toMatch(/^This .*\.$/);
	});
});

describe('decodeAnyScan: Tend codes and what Tend has words for', () => {
	it.each([
		['a person’s code', personCode()],
		['an event poster', `${ORIGIN}/join#ABCD2345`],
		['an event poster of another server', 'https://other.example/join#ABCD-2345'],
		['a damaged person’s code', `${ORIGIN}/c#1~garbage`],
		[
			'a person’s code with its token changed',
			personCode().replace('abcdefghij', 'zzzzzzzzzz').slice(0, -3)
		],
		['a person’s code of a newer app', `${ORIGIN}/c#9~x~y~z~w`],
		['a person’s code from another server, damaged', 'https://other.example/c#1~~~'],
		['a damaged poster link', `${ORIGIN}/join#O0O0`],
		['a poster link with a path', `${ORIGIN}/join/x#ABCD2345`],
		['a page of this app', `${ORIGIN}/people`],
		['a Wi-Fi code', 'WIFI:S:Conference;T:WPA;P:secret;;'],
		['an email address', 'mailto:ann@example.org'],
		['a script', 'javascript:alert(1)'],
		['plain text', 'hello'],
		['nothing', ''],
		['not text at all', 42]
	])('returns %s exactly as decodeScannedText reads it', (_, text) => {
		expect(scan(text)).toEqual(decodeScannedText(text, OPTIONS));
	});
});

/** Seeded generators of codes, valid and hostile, for the fuzz below. */
function generators(random: () => number) {
	const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
	const texts = [
		'Ann Lee',
		'Zoë',
		'山田 太郎',
		'מרים',
		'👩🏽‍💻',
		'a;b,c:d\\e',
		'x'.repeat(300),
		'\u202Eevil',
		'\u0000\u0007',
		'line\nbreak',
		'"><script>alert(1)</script>',
		''
	];
	const urls = [
		'https://ann.example.org',
		'http://example.org/a?b=c#d',
		'https://www.linkedin.com/in/ann-lee-1',
		'javascript:alert(1)',
		'JAVASCRIPT:alert(1)',
		' javascript:alert(1)',
		'java\tscript:alert(1)',
		'data:text/html;base64,PHNjcmlwdD4=',
		'vbscript:msgbox(1)',
		'file:///etc/passwd',
		'https://user:pw@example.org',
		'https://linkedin.com@evil.example',
		'https://example.org/\u202Egnp.exe',
		'https://exa mple.org',
		`https://example.org/${'x'.repeat(400)}`,
		'//example.org',
		'https:\\\\example.org',
		'mailto:ann@example.org',
		'tel:+49 30 123456',
		'sms:+4930123',
		'example.org/ann'
	];
	const emails = [
		'ann@example.org',
		'ANN@EXAMPLE.ORG',
		'javascript:alert(1)//@x.org',
		'a@b',
		'ann@example.org?bcc=all@x.org',
		'<ann@example.org>'
	];
	const phones = [
		'+49 30 123456',
		'tel:+1-555-0100;ext=1',
		'1-800-FLOWERS',
		'javascript:alert(1)',
		'12'
	];
	const meEscape = (s: string) => s.replace(/([\\;:,"])/g, '\\$1');
	const mutate = (s: string) => {
		const chars = [...s];
		for (let i = 0; i < 3; i++) {
			const at = Math.floor(random() * (chars.length + 1));
			chars.splice(
				at,
				random() < 0.5 ? 1 : 0,
				pick(['~', '#', '%', '\u0000', 'é', '/', ':', '"', ' ', '\n'])
			);
		}
		return chars.join('');
	};
	return [
		// A vCard as Tend writes it, with raw hostile lines added.
		() => {
			const vcard = cardToVCard(
				{
					name: pick(texts) || 'N',
					headline: pick(texts),
					company: pick(texts),
					links: [{ kind: 'website', url: pick(urls) }]
				},
				{ note: pick(texts) }
			);
			return vcard.replace(
				'END:VCARD',
				`URL:${pick(urls)}\r\nEMAIL:${pick(emails)}\r\nTEL:${pick(phones)}\r\nEND:VCARD`
			);
		},
		// A hand-made vCard: any version, maybe quoted-printable, maybe unterminated.
		() =>
			[
				'BEGIN:VCARD',
				`VERSION:${pick(['2.1', '3.0', '4.0', 'x'])}`,
				random() < 0.8 ? `FN:${pick(texts)}` : `N:${pick(texts)};${pick(texts)}`,
				`item1.URL:${pick(urls)}`,
				`X-SOCIALPROFILE;type=linkedin:${pick(urls)}`,
				`EMAIL;ENCODING=QUOTED-PRINTABLE:${pick(emails).replace(/@/g, '=40')}`,
				`NOTE:${pick(texts)}`,
				random() < 0.7 ? 'END:VCARD' : ''
			].join(pick(['\r\n', '\n', '\r\n '])),
		// A MECARD, escaped as it should be or not at all.
		() => {
			const esc = random() < 0.7 ? meEscape : (s: string) => s;
			return `MECARD:N:${esc(pick(texts))},${esc(pick(texts))};TEL:${esc(pick(phones))};EMAIL:${esc(pick(emails))};URL:${esc(pick(urls))};NOTE:${esc(pick(texts))};;`;
		},
		// A plain link, as it is or damaged.
		() => (random() < 0.5 ? pick(urls) : mutate(pick(urls))),
		// A Tend code or poster, as it is or damaged.
		() => {
			const code =
				random() < 0.5
					? personCode(pick(['Ann Lee', 'Zoë', '山田 太郎', '👩🏽‍💻']))
					: `${ORIGIN}/join#ABCD2345`;
			return random() < 0.3 ? code : mutate(code);
		},
		// Bytes of nothing in particular.
		() =>
			String.fromCharCode(
				...Array.from({ length: Math.floor(random() * 300) }, () => Math.floor(random() * 0x3000))
			)
	];
}

describe('decodeAnyScan: 1,200 generated codes, valid and hostile', () => {
	it('never throws, keeps no unsafe link, and leaves Tend’s own codes to Tend', () => {
		const random = prng(2026);
		const make = generators(random);
		const kinds = new Map<string, number>();
		for (let i = 0; i < 1200; i++) {
			const text = (make[i % make.length] as () => string)();
			const result = scan(text);
			kinds.set(result.kind, (kinds.get(result.kind) ?? 0) + 1);
			if (result.kind === 'contact') expectClean([result.contact]);
			if (result.kind === 'junk') expect(result.message).toMatch(/\.$/);
			const trimmed = text.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
			if (
				/^https?:\/\/[^/?#\s]*\/(?:c#|join(?:[/?#]|$))/i.test(trimmed) ||
				trimmed.startsWith(ORIGIN)
			) {
				expect(result).toEqual(decodeScannedText(text, OPTIONS));
			}
		}
		// The generators reach every outcome, so the checks above ran on each.
		expect([...kinds.keys()].sort()).toEqual(['contact', 'event', 'junk', 'person']);
	});
});

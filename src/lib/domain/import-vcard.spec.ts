import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { prng } from '$lib/testing/prng';
import { IMPORT_LIMITS, type ImportResult, type ImportedContact } from './imported-contact';
import { expectClean } from './testing/contact-invariants';
import { readVCardFile, readVCardText } from './import-vcard';
import {
	ANDROID_EXPORT,
	GOOGLE_EXPORT,
	IPHONE_EXPORT,
	VCARD_4,
	foldedPhoto
} from './testing/contact-files';
import { cardsToVCards, type VCardEntry } from './vcard';

const crlf = (lines: string[]) => lines.join('\r\n') + '\r\n';
const card = (...lines: string[]) => crlf(['BEGIN:VCARD', 'VERSION:3.0', ...lines, 'END:VCARD']);

/** The contacts of a file that must read (each checked against the invariants); fails otherwise. */
function contactsOf(result: ImportResult): ImportedContact[] {
	if (!result.ok) throw new Error(`refused: ${result.message}`);
	expectClean(result.contacts);
	return result.contacts;
}

const urls = (contact: ImportedContact | undefined) => contact?.links.map((l) => l.url) ?? [];

describe('readVCardFile: real-world exports', () => {
	it('reads an iPhone export: grouped items, Apple labels, social profiles, a folded photo', () => {
		const result = readVCardFile(new TextEncoder().encode(IPHONE_EXPORT));
		const [ann, jorg] = contactsOf(result);
		expect(ann).toEqual({
			name: 'Ann Lee',
			headline: 'Head of Hardware',
			company: 'Acme Robotics',
			links: [
				{ kind: 'email', url: 'mailto:ann@acme.example' },
				{ kind: 'email', label: 'home', url: 'mailto:ann.lee@home.example' },
				{ kind: 'phone', label: 'mobile', url: 'tel:+1 (415) 555-0100' },
				{ kind: 'phone', label: 'work', url: 'tel:+1 415 555 0199' },
				{ kind: 'website', label: 'home page', url: 'https://ann.example.org/' },
				{ kind: 'website', label: 'GitHub', url: 'https://github.com/annlee' },
				{ kind: 'linkedin', label: 'LinkedIn', url: 'http://www.linkedin.com/in/annlee' }
			],
			note: 'Met at RoboConf 2024.\nWants intros to battery people, urgently.',
			metAt: '',
			source: 'vcard',
			channel: 'imported'
		});
		expect(jorg).toMatchObject({
			name: 'Dr. Jörg Müller',
			company: 'Müller, Schmidt & Partner',
			links: [{ kind: 'phone', label: 'Büro', url: 'tel:+49 30 1234 5678' }]
		});
		// The x-apple: profile is not a link a browser can open: dropped, and said so.
		expect(result.ok && result.problems).toEqual([
			{
				index: 0,
				line: 1,
				isSkipped: false,
				message:
					'Card 1 (line 1), Ann Lee: 1 link was left out (only web addresses, email addresses and phone numbers are kept).'
			}
		]);
	});

	it('reads an Android export: vCard 2.1, quoted-printable UTF-8, soft line breaks, N without FN', () => {
		const [zoe, taro, alex] = contactsOf(readVCardFile(new TextEncoder().encode(ANDROID_EXPORT)));
		expect(zoe).toMatchObject({
			name: 'Zoë Ångström',
			headline: 'Researcher',
			company: 'Nordic Labs',
			note: 'Träffade på mässan\nAndra raden',
			links: [
				{ kind: 'phone', label: 'mobile', url: 'tel:+46701234567' },
				{ kind: 'phone', label: 'work', url: 'tel:08-123 456 78' },
				{ kind: 'email', label: 'work', url: 'mailto:zoe@example.se' }
			]
		});
		// Family name first, without a space, as Japanese names are written.
		expect(taro?.name).toBe('山田太郎');
		expect(alex?.name).toBe('Александр Петрович Иванов');
		expect(urls(alex)).toEqual(['mailto:alex@example.ru', 'https://www.example.ru/alex']);
	});

	it('reads a Google Contacts export: escaped colons in URLs, labels, a card named by its email', () => {
		const [priya, unnamed] = contactsOf(readVCardText(GOOGLE_EXPORT));
		expect(priya).toMatchObject({
			name: 'Priya Raman',
			headline: 'Product Lead',
			company: 'BigCo',
			note: 'Vegan, runs a meetup; ask about Kafka\nSecond line',
			links: [
				{ kind: 'email', label: 'home', url: 'mailto:priya.raman@mail.example' },
				{ kind: 'email', label: 'work', url: 'mailto:PRaman@bigco.example' },
				{ kind: 'phone', label: 'mobile', url: 'tel:+91 98765 43210' },
				{ kind: 'website', label: 'Blog', url: 'https://priya.example.dev/' }
			]
		});
		expect(unnamed?.name).toBe('noname@example.com');
	});

	it('reads vCard 4.0: quoted TYPE lists, tel: URIs with extensions, SOCIALPROFILE', () => {
		const result = readVCardText(VCARD_4);
		const [chen] = contactsOf(result);
		expect(chen).toMatchObject({
			name: 'Dr. Chen Wei',
			headline: 'Principal Investigator',
			company: 'Institute of Examples',
			note: 'Likes, among other things, semicolons; and backslashes \\ too.',
			links: [
				{ kind: 'email', label: 'work', url: 'mailto:wei.chen@lab.example' },
				{ kind: 'phone', label: 'mobile', url: 'tel:+86-10-1234-5678' },
				{ kind: 'phone', label: 'work', url: 'tel:+86-10-8765-4321' },
				{ kind: 'website', url: 'https://lab.example/people/chen' },
				{ kind: 'linkedin', label: 'LinkedIn', url: 'https://www.linkedin.com/in/chen-wei-1a2b3c' }
			]
		});
		// The xmpp: address is dropped and reported.
		expect(result.ok && result.problems.map((p) => p.isSkipped)).toEqual([false]);
	});

	it.each([
		['iPhone', IPHONE_EXPORT],
		['Google', GOOGLE_EXPORT],
		['vCard 4.0', VCARD_4]
	])(
		'agrees with ical.js on the %s sample: names, titles, companies, email addresses',
		(_, text) => {
			const ours = contactsOf(readVCardText(text));
			// ical.js gives one jCard for a file of one card, a list of them for more.
			const parsed = ICAL.parse(text) as unknown[];
			const jcards = (typeof parsed[0] === 'string' ? [parsed] : parsed) as unknown[][];
			const theirs = jcards.map((jcard) => new ICAL.Component(jcard));
			expect(ours).toHaveLength(theirs.length);
			theirs.forEach((component, i) => {
				const contact = ours[i];
				const fn = String(component.getFirstPropertyValue('fn') ?? '');
				if (fn) expect(contact?.name).toBe(fn.replace(/\\([,;])/g, '$1'));
				const title = component.getFirstPropertyValue('title');
				expect(contact?.headline).toBe(title ? String(title) : '');
				const org = component.getFirstPropertyValue('org');
				const company = Array.isArray(org) ? org[0] : org;
				expect(contact?.company).toBe(company ? String(company).replace(/\\,/g, ',') : '');
				const emails = component.getAllProperties('email').map((p) => String(p.getFirstValue()));
				expect(urls(contact).filter((u) => u.startsWith('mailto:'))).toEqual(
					emails.map((e) => `mailto:${e}`)
				);
			});
		}
	);

	it('reads back what Tend’s own vCard writer writes, awkward text and all', () => {
		const random = prng(13);
		const awkward = [
			'Ann, Lee; the 2nd',
			'Back\\slash \\n',
			'Zoë Ångström',
			'👩🏽‍💻 Dev',
			'מרים כהן',
			'山田 太郎'
		];
		const pick = () => awkward[Math.floor(random() * awkward.length)] ?? '';
		const entries: VCardEntry[] = Array.from({ length: 50 }, (_, i) => ({
			card: {
				name: `${pick()} ${i}`,
				headline: pick(),
				company: pick(),
				links: [
					{ kind: 'website', url: `https://example.org/p/${i}?a=1,b;c` },
					{ kind: 'email', url: `mailto:p${i}@example.org` },
					{ kind: 'phone', url: `tel:+49 30 ${1000000 + i}` }
				]
			},
			note: `${pick()}\nline two`
		}));
		const contacts = contactsOf(readVCardText(cardsToVCards(entries)));
		expect(contacts).toHaveLength(50);
		contacts.forEach((contact, i) => {
			const entry = entries[i] as VCardEntry;
			expect(contact.name).toBe(entry.card.name);
			expect(contact.headline).toBe(entry.card.headline);
			expect(contact.company).toBe(entry.card.company);
			expect(contact.note).toBe(entry.note);
			expect(urls(contact)).toEqual(entry.card.links?.map((l) => l.url));
		});
	});
});

describe('readVCardText: what a card may not smuggle in', () => {
	it('keeps only http(s), mailto and tel links, and says how many it dropped', () => {
		const result = readVCardText(
			card(
				'FN:Mallory',
				'URL:javascript:alert(1)',
				'URL:JaVaScRiPt:alert(document.cookie)',
				'URL: javascript:alert(1)',
				'URL:java\\nscript:alert(1)',
				'URL:data:text/html,<script>alert(1)</script>',
				'URL:vbscript:msgbox(1)',
				'URL:file:///etc/passwd',
				'URL:https://www.linkedin.com@evil.example/in/ann',
				'URL:https://evil.example/\u202Egnp.exe',
				'URL:https://ok.example/ "><img src=x onerror=alert(1)>',
				'EMAIL:javascript:alert(1)//@x.org',
				'EMAIL:ann@example.org?bcc=everyone@example.org',
				'TEL:javascript:alert(1)',
				'TEL:1-800-FLOWERS',
				'X-SOCIALPROFILE:javascript:alert(1)',
				'URL:https://safe.example/ann'
			)
		);
		const [mallory] = contactsOf(result);
		expect(urls(mallory)).toEqual(['https://safe.example/ann']);
		expect(result.ok && result.problems[0]?.message).toMatch(/^Card 1 .*: 15 links were left out/);
		expectClean(contactsOf(result));
	});

	it('strips control and bidi-override characters and normalises to NFC', () => {
		const [c] = contactsOf(
			readVCardText(
				card(
					'FN:Ann\u202E\u0007 Lee\u2066',
					'TITLE:Cafe\u0301 owner\u0000',
					'ORG:A\u200Bcme\uFEFF',
					'NOTE:one\\ntwo\u202Ethree'
				)
			)
		);
		expect(c).toMatchObject({
			name: 'Ann Lee',
			headline: 'Café owner',
			company: 'A\u200Bcme',
			note: 'one\ntwo three'
		});
	});

	it('cuts every field to the card limits without splitting a character, and says so', () => {
		const result = readVCardText(
			card(
				`FN:${'👩🏽‍💻'.repeat(100)}`,
				`TITLE:${'x'.repeat(500)}`,
				`NOTE:${'é'.repeat(2000)}`,
				...Array.from({ length: 30 }, (_, i) => `EMAIL:p${i}@example.org`)
			)
		);
		const [c] = contactsOf(result);
		expect(c?.name).toBe('👩🏽‍💻'.repeat(20));
		expect(c?.headline).toBe('x'.repeat(120));
		expect(c?.note).toBe('é'.repeat(500));
		expect(c?.links).toHaveLength(10);
		expect(result.ok && result.problems[0]?.message).toContain(
			'it had 30 links, so only the first 10 were kept; shortened the name to 80 characters, the headline to 120 characters, the note to 500 characters'
		);
		expectClean(contactsOf(result));
	});
});

describe('readVCardFile: malformed and hostile files', () => {
	it('leaves out a card without a name and an unterminated card, and reads the rest', () => {
		const text =
			card('FN:Ann Lee') + card('TITLE:Nobody', 'TEL:+49 30 1234567') + 'BEGIN:VCARD\r\nFN:Cut';
		const result = readVCardText(text);
		expect(contactsOf(result).map((c) => c.name)).toEqual(['Ann Lee']);
		expect(result.ok && result.problems).toEqual([
			{
				index: 1,
				line: 5,
				isSkipped: true,
				message: 'Card 2 (line 5) has no name, so it was left out.'
			},
			{
				index: 2,
				line: 10,
				isSkipped: true,
				message:
					'Card 3 (line 10) never ends (no END:VCARD), so it was left out: the file may be cut short.'
			}
		]);
	});

	it('takes a BEGIN inside an open card as the start of the next (the first never ended)', () => {
		const result = readVCardText('BEGIN:VCARD\nFN:Lost\nBEGIN:VCARD\nFN:Kept\nEND:VCARD\n');
		expect(contactsOf(result).map((c) => c.name)).toEqual(['Kept']);
		expect(result.ok && result.problems.map((p) => p.index)).toEqual([0]);
	});

	it('refuses more than 10 MB with a sentence', () => {
		const big = new Uint8Array(IMPORT_LIMITS.fileBytes + 1).fill(0x41);
		expect(readVCardFile(big)).toEqual({
			ok: false,
			reason: 'too_large',
			message:
				'This file is 10.0 MB; at most 10.0 MB can be imported at once. Export fewer contacts at a time.'
		});
		expect(readVCardFile('é'.repeat(IMPORT_LIMITS.fileBytes / 2 + 1))).toMatchObject({
			reason: 'too_large'
		});
	});

	it('refuses binary files, zip archives and empty files with a sentence', () => {
		const random = prng(7);
		const noise = Uint8Array.from({ length: 50_000 }, () => Math.floor(random() * 256));
		expect(readVCardFile(noise)).toMatchObject({ ok: false, reason: 'binary' });
		const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
		expect(readVCardFile(png)).toMatchObject({ ok: false, reason: 'binary' });
		const zip = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0]);
		expect(readVCardFile(zip)).toMatchObject({ ok: false, reason: 'archive' });
		expect(readVCardFile(' \r\n')).toMatchObject({ ok: false, reason: 'empty' });
		expect(readVCardFile('hello, world')).toMatchObject({ ok: false, reason: 'wrong_format' });
		// Binary read as text by the browser: replacement characters everywhere.
		expect(readVCardFile('\ufffd\u0001'.repeat(1000))).toMatchObject({ reason: 'binary' });
	});

	it('reads UTF-16 with its byte order mark and Windows-1252 files', () => {
		const text = card('FN:Jörg Müller');
		const utf16 = new Uint8Array(2 + text.length * 2);
		utf16.set([0xff, 0xfe]);
		[...text].forEach((c, i) => utf16.set([c.charCodeAt(0), 0], 2 + i * 2));
		expect(contactsOf(readVCardFile(utf16))[0]?.name).toBe('Jörg Müller');
		const latin = Uint8Array.from([...text].map((c) => c.charCodeAt(0)));
		expect(contactsOf(readVCardFile(latin))[0]?.name).toBe('Jörg Müller');
	});

	it('reads 100,000 lines (10,000 cards, the most a file may hold) and refuses one more card', () => {
		const one = card(
			'FN:Person',
			'EMAIL:p@example.org',
			'TEL:+49 30 123456',
			'URL:https://e.example/p',
			'TITLE:T',
			'ORG:O',
			'NOTE:n'
		);
		expect(one.split('\r\n')).toHaveLength(11);
		const file = one.repeat(IMPORT_LIMITS.cards);
		expect(file.split('\r\n').length).toBeGreaterThanOrEqual(100_000);
		expect(contactsOf(readVCardFile(file))).toHaveLength(IMPORT_LIMITS.cards);
		expect(readVCardFile(file + one)).toEqual({
			ok: false,
			reason: 'too_many',
			message:
				'This file holds more than 10,000 contacts. Export them in smaller groups and import each file.'
		});
	});

	it('survives absurd folding: a name folded into 200,000 pieces, a folded property name', () => {
		const folded = 'FN:' + 'A'.repeat(10) + '\r\n x'.repeat(200_000);
		const result = readVCardText(
			card(folded, 'TI\r\n TLE:Folded\r\n  title', 'NOTE:' + foldedPhoto(50_000))
		);
		const [c] = contactsOf(result);
		expect(c?.name).toBe('A'.repeat(10) + 'x'.repeat(70));
		expect(c?.headline).toBe('Folded title');
		expectClean(contactsOf(result));
	});

	it('survives a 9 MB line with no colon, quotes that never close, and lines of only folds', () => {
		const text = card(
			'x'.repeat(9_000_000),
			'FN;X-A="unclosed:Ann',
			'EMAIL;TYPE="a;b:c":ann@example.org',
			' ',
			'\t',
			':',
			';;;:'
		);
		const [c] = contactsOf(readVCardText(text));
		expect(c?.name).toBe('Ann');
		expect(urls(c)).toEqual(['mailto:ann@example.org']);
	});

	it('never throws on random bytes with vCard fragments mixed in', () => {
		const random = prng(99);
		const pieces = [
			'BEGIN:VCARD',
			'END:VCARD',
			'FN:',
			'N:',
			';',
			':',
			'\\',
			'=',
			'=C3',
			'\r\n',
			'\n ',
			'"',
			'ENCODING=QUOTED-PRINTABLE',
			'URL:',
			'javascript:',
			'é',
			'😀',
			'\u202E',
			'\u0000'
		];
		for (let i = 0; i < 300; i++) {
			const text = Array.from(
				{ length: 50 },
				() => pieces[Math.floor(random() * pieces.length)] ?? ''
			).join('');
			const result = readVCardText(text);
			expect(typeof result.ok).toBe('boolean');
			if (result.ok) expectClean(result.contacts);
			else expect(result.message).toMatch(/\.$/);
		}
	});
});

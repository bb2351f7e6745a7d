import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import type { CardFields } from './card';
import { prng } from '$lib/testing/prng';
import { cardToVCard, cardsToVCards, foldLine, type VCardCard } from './vcard';

function makeCard(overrides: Partial<CardFields> = {}): CardFields {
	return {
		name: 'Ann Lee',
		headline: 'Robotics meetup host',
		company: 'Acme',
		canHelpWith: 'Intros to hardware people',
		lookingFor: 'A co-founder',
		links: [
			{ kind: 'website', url: 'https://ann.example.org/a,b;c' },
			{ kind: 'email', url: 'mailto:ann@example.org' },
			{ kind: 'phone', url: 'tel:+49 30 1234567' }
		],
		...overrides
	};
}

/** Parses with ical.js, a third-party parser, and returns the single vCard component. */
function parse(text: string): ICAL.Component {
	return new ICAL.Component(ICAL.parse(text) as unknown[]);
}

// ical.js unescapes unstructured text by the vCard 4 rule (RFC 6350), which leaves "\;" alone;
// vCard 3.0 (RFC 2426) requires escaping ";" in every text value, so undo that one escape here.
const text = (component: ICAL.Component, name: string) =>
	String(component.getFirstPropertyValue(name)).replace(/\\;/g, ';');

const octets = (line: string) => new TextEncoder().encode(line).length;

const AWKWARD = [
	'Ann, Lee; the 2nd',
	'Back\\slash \\n not a newline',
	'Zoë Ångström-Łukasiewicz',
	'👩🏽‍💻 Dev 🇩🇪',
	'מרים כהן',
	'山田 太郎',
	'x'.repeat(200),
	'é'.repeat(200),
	'😀'.repeat(200)
];

describe('cardToVCard', () => {
	it('writes vCard 3.0 with CRLF line endings', () => {
		const vcard = cardToVCard(makeCard());
		expect(vcard.startsWith('BEGIN:VCARD\r\nVERSION:3.0\r\n')).toBe(true);
		expect(vcard.endsWith('END:VCARD\r\n')).toBe(true);
		expect(vcard.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
	});

	it('round-trips a full card through ical.js', () => {
		const card = parse(
			cardToVCard(makeCard(), { note: 'Met at the robotics meetup', uid: 'abc123' })
		);
		expect(card.getFirstPropertyValue('version')).toBe('3.0');
		expect(text(card, 'fn')).toBe('Ann Lee');
		expect(card.getFirstPropertyValue('n')).toEqual(['Lee', 'Ann', '', '', '']);
		expect(card.getFirstPropertyValue('org')).toBe('Acme');
		expect(text(card, 'title')).toBe('Robotics meetup host');
		expect(text(card, 'email')).toBe('ann@example.org');
		expect(card.getFirstPropertyValue('tel')).toBe('+49 30 1234567');
		expect(card.getFirstPropertyValue('url')).toBe('https://ann.example.org/a,b;c');
		expect(card.getFirstPropertyValue('uid')).toBe('abc123');
		expect(text(card, 'note')).toBe(
			'Can help with: Intros to hardware people\n\nLooking for: A co-founder\n\nMet at the robotics meetup'
		);
	});

	it.each(AWKWARD)('round-trips the awkward text %s in every field', (value) => {
		const note = `${value}\nsecond line, with; punctuation\r\nthird \\ line`;
		const vcard = cardToVCard(
			makeCard({ name: value, headline: value, company: value, canHelpWith: '', lookingFor: '' }),
			{ note }
		);
		const card = parse(vcard);
		expect(text(card, 'fn')).toBe(value);
		expect(text(card, 'title')).toBe(value);
		expect(card.getFirstPropertyValue('org')).toBe(value);
		expect(text(card, 'note')).toBe(note.replace(/\r\n/g, '\n'));
		const [family, given] = card.getFirstPropertyValue('n') as string[];
		expect([given, family].filter(Boolean).join(' ')).toBe(value);
	});

	it('escapes semicolons and commas as RFC 2426 requires', () => {
		const vcard = cardToVCard(makeCard({ name: 'A;B,C\\D', company: 'X;Y' }));
		expect(vcard).toContain('FN:A\\;B\\,C\\\\D\r\n');
		expect(vcard).toContain('ORG:X\\;Y\r\n');
	});

	it('folds long lines at 75 octets without splitting a character or an escape', () => {
		const vcard = cardToVCard(makeCard({ name: 'é😀,'.repeat(60) }), { note: 'a\n'.repeat(100) });
		const bytes = new TextEncoder().encode(vcard);
		const decoded = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
		expect(decoded).toBe(vcard);
		const lines = vcard.split('\r\n');
		expect(lines.some((line) => line.startsWith(' '))).toBe(true);
		for (const line of lines) {
			expect(octets(line)).toBeLessThanOrEqual(75);
			expect(line.endsWith('\\') && !line.endsWith('\\\\')).toBe(false);
		}
	});

	it('fills folded lines up to the limit', () => {
		const folded = foldLine('NOTE:' + 'a'.repeat(200)).split('\r\n');
		expect(folded.map(octets)).toEqual([75, 75, 57]);
	});

	it('folds exactly as the first, regular-expression, folder did (2,000 random lines)', () => {
		// The first foldLine, kept as the reference: one TextEncoder call per code point or escape.
		const reference = (line: string) => {
			const encoder = new TextEncoder();
			const out: string[] = [];
			let current = '';
			let size = 0;
			for (const unit of line.match(/\\.|[\s\S]/gu) ?? []) {
				const unitSize = encoder.encode(unit).length;
				if (size + unitSize > (out.length === 0 ? 75 : 74)) {
					out.push(current);
					current = '';
					size = 0;
				}
				current += unit;
				size += unitSize;
			}
			out.push(current);
			return out.join('\r\n ');
		};
		const random = prng(2426);
		const pieces = [
			'a',
			'é',
			'€',
			'😀',
			'\\',
			'\\n',
			'\\;',
			',',
			' ',
			'\uD800',
			'\uDC00',
			'\n',
			'\u2028'
		];
		for (let n = 0; n < 2000; n++) {
			const length = Math.floor(random() * 120);
			let line = 'NOTE:';
			for (let k = 0; k < length; k++) line += pieces[Math.floor(random() * pieces.length)];
			expect(foldLine(line)).toBe(reference(line));
		}
	});

	it('writes only safe links and drops control characters', () => {
		const vcard = cardToVCard(
			makeCard({
				name: 'Ann\u0000 Lee\u0007',
				links: [
					{ kind: 'other', url: 'javascript:alert(1)' },
					{ kind: 'website', url: 'https://ok.example.org' }
				]
			})
		);
		expect(vcard).not.toContain('javascript');
		expect([...vcard].filter((c) => c.charCodeAt(0) < 9)).toEqual([]);
		expect(parse(vcard).getAllProperties('url')).toHaveLength(1);
	});

	// Readers that split on every Unicode line break (NEL, LS, PS, \v, \f…), as many text tools
	// do, must still see exactly the lines the card wrote: no smuggled END:VCARD / BEGIN:VCARD.
	// eslint-disable-next-line no-control-regex -- these are the breaks such readers split on
	const UNICODE_BREAK = /\r\n|[\n\r\v\f\u001c-\u001e\u0085\u2028\u2029]/;
	it.each([
		['NEL', '\u0085'],
		['LINE SEPARATOR', '\u2028'],
		['PARAGRAPH SEPARATOR', '\u2029'],
		['CR', '\r'],
		['VT', '\v'],
		['FF', '\f']
	])('escapes a %s in a name or a note: no raw break, and it still round-trips', (_, br) => {
		const smuggled = `END:VCARD${br}BEGIN:VCARD${br}FN:Your Bank Support`;
		const name = `Ann${br}Lee ${smuggled}`;
		const note = `first${br}second ${smuggled}`;
		const vcard = cardToVCard(makeCard({ name, company: `Acme${br}Inc`, links: [] }), { note });
		expect(vcard).not.toMatch(/[\u0085\u2028\u2029\v\f]/);
		expect(vcard.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
		const physical = vcard.split(UNICODE_BREAK);
		expect(physical.filter((line) => line.startsWith('BEGIN:VCARD'))).toHaveLength(1);
		expect(physical.filter((line) => line.startsWith('END:VCARD'))).toHaveLength(1);
		expect(physical).toEqual(vcard.split('\r\n'));

		const card = parse(vcard);
		// A single-line value keeps the words with a space for the break; a note keeps the break.
		const isBreak = br === '\r' || br === '\u0085' || br === '\u2028' || br === '\u2029';
		const single = (text: string) => text.replaceAll(br, ' ');
		expect(text(card, 'fn')).toBe(single(name));
		expect(card.getFirstPropertyValue('org')).toBe('Acme Inc');
		expect(text(card, 'note')).toBe(
			[
				'Can help with: Intros to hardware people',
				'Looking for: A co-founder',
				isBreak ? note.replaceAll(br, '\n') : single(note)
			].join('\n\n')
		);
	});

	it('writes a lone surrogate as U+FFFD, and the NEL a safe link may hold percent-encoded', () => {
		const vcard = cardToVCard(
			makeCard({
				name: 'Ann \uD800Lee',
				links: [{ kind: 'website', url: 'https://ann.example.org/a\u0085END:VCARD' }]
			})
		);
		expect(vcard).toContain('FN:Ann \uFFFDLee\r\n');
		expect(vcard).not.toMatch(/[\u0085\u2028\u2029]/);
		expect(parse(vcard).getFirstPropertyValue('url')).toBe(
			'https://ann.example.org/a%C2%85END:VCARD'
		);
	});

	it('embeds a photo as base64 and refuses one that is not', () => {
		const base64 = btoa(String.fromCharCode(...Array.from({ length: 300 }, (_, i) => i % 256)));
		const card = parse(cardToVCard(makeCard(), { photo: { base64, type: 'image/jpeg' } }));
		const photo = card.getFirstProperty('photo');
		expect(photo?.getParameter('encoding')).toBe('b');
		expect(photo?.getParameter('type')).toBe('JPEG');
		expect(String(photo?.getFirstValue())).toBe(base64);
		const bad = cardToVCard(makeCard(), { photo: { base64: 'a\r\nEND:VCARD', type: 'JPEG' } });
		expect(bad).not.toContain('PHOTO');
		const unknown = cardToVCard(makeCard(), { photo: { base64, type: 'image/svg+xml' } });
		expect(unknown).not.toContain('PHOTO');
	});

	it('needs only a name', () => {
		const minimal: VCardCard = { name: 'Ann' };
		const card = parse(cardToVCard(minimal));
		expect(text(card, 'fn')).toBe('Ann');
		expect(card.getFirstPropertyValue('n')).toEqual(['Ann', '', '', '', '']);
		expect(card.getFirstProperty('note')).toBeNull();
	});
});

describe('cardsToVCards', () => {
	it('writes every card, each of which ical.js reads back', () => {
		const names = ['Ann Lee', 'Bo; Chen', 'Zoë 😀'];
		const all = cardsToVCards(names.map((name) => ({ card: makeCard({ name }), note: name })));
		const parsed = ICAL.parse(all) as unknown[][];
		expect(parsed).toHaveLength(3);
		expect(parsed.map((jcard) => text(new ICAL.Component(jcard), 'fn'))).toEqual(names);
	});

	it('writes nothing for no cards', () => {
		expect(cardsToVCards([])).toBe('');
	});
});

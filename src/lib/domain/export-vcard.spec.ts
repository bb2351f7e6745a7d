import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import {
	VCARD_MIME,
	connectionToVCard,
	connectionsToVCards,
	contactFileName,
	contactsFileName
} from './export-vcard';
import { AWKWARD_TEXT, withLineFeeds } from './testing/awkward-text';
import { aPerson } from './testing/records';

/** Every vCard in a file, read by ical.js (a third-party parser). */
function parseAll(text: string): ICAL.Component[] {
	const parsed = ICAL.parse(text) as unknown[];
	const jcards = (typeof parsed[0] === 'string' ? [parsed] : parsed) as unknown[][];
	return jcards.map((jcard) => new ICAL.Component(jcard));
}

function parseOne(text: string): ICAL.Component {
	const [card, ...rest] = parseAll(text);
	expect(rest).toEqual([]);
	if (!card) throw new Error('no vCard');
	return card;
}

// ical.js unescapes text by the vCard 4 rule, which leaves "\;" alone; vCard 3.0 escapes ";".
const textOf = (card: ICAL.Component, name: string) =>
	String(card.getFirstPropertyValue(name) ?? '').replace(/\\;/g, ';');

/** What a single-line vCard value reads back as: breaks and tabs are spaces, ends trimmed. */
const asOneLine = (text: string) =>
	withLineFeeds(text)
		.replace(/[\n\t]/g, ' ')
		.trim();
/** What a NOTE paragraph reads back as: breaks kept (as LF), tabs spaces, ends trimmed. */
const asNote = (text: string) => withLineFeeds(text).replace(/\t/g, ' ').trim();

const ann = () =>
	aPerson({
		id: 'annannannann001',
		snapshot: {
			name: 'Ann Lee',
			headline: 'Robotics meetup host',
			company: 'Acme',
			canHelpWith: 'Intros to hardware people',
			lookingFor: 'A co-founder',
			links: [
				{ kind: 'linkedin', url: 'https://www.linkedin.com/in/ann' },
				{ kind: 'email', url: 'mailto:ann@example.org' },
				{ kind: 'phone', url: 'tel:+49 30 1234567' },
				{ kind: 'other', url: 'javascript:alert(1)' }
			],
			note: ''
		},
		memoryNote: 'Talked about gardens',
		howICanHelp: 'Introduce her to Bo',
		promise: 'Send the paper'
	});

describe('connectionToVCard', () => {
	it('writes their card: name, headline as TITLE, company as ORG, links, email and phone', () => {
		const card = parseOne(connectionToVCard(ann()));
		expect(textOf(card, 'fn')).toBe('Ann Lee');
		expect(card.getFirstPropertyValue('n')).toEqual(['Lee', 'Ann', '', '', '']);
		expect(textOf(card, 'title')).toBe('Robotics meetup host');
		expect(card.getFirstPropertyValue('org')).toBe('Acme');
		expect(card.getFirstPropertyValue('url')).toBe('https://www.linkedin.com/in/ann');
		expect(textOf(card, 'email')).toBe('ann@example.org');
		expect(card.getFirstPropertyValue('tel')).toBe('+49 30 1234567');
		expect(card.getAllProperties('url')).toHaveLength(1);
	});

	it('uses the connection id as UID, so two exports name each contact alike', () => {
		const person = ann();
		const first = parseOne(connectionToVCard(person));
		const second = parseOne(connectionToVCard({ ...person, memoryNote: 'changed' }));
		expect(first.getFirstPropertyValue('uid')).toBe('annannannann001');
		expect(second.getFirstPropertyValue('uid')).toBe(first.getFirstPropertyValue('uid'));
	});

	it('writes my notes only when asked, after their card’s own words', () => {
		const without = parseOne(connectionToVCard(ann()));
		expect(textOf(without, 'note')).toBe(
			'Can help with: Intros to hardware people\n\nLooking for: A co-founder'
		);
		const withNotes = parseOne(connectionToVCard(ann(), { includeNotes: true }));
		expect(textOf(withNotes, 'note')).toBe(
			[
				'Can help with: Intros to hardware people',
				'Looking for: A co-founder',
				'My memory note: Talked about gardens',
				'How I can help: Introduce her to Bo',
				'My promise: Send the paper'
			].join('\n\n')
		);
	});

	it('keeps what someone without the app wrote when sending their details', () => {
		const person = aPerson({ snapshot: { name: 'Cy', note: 'We met at the bar' } });
		expect(textOf(parseOne(connectionToVCard(person)), 'note')).toBe(
			'From them: We met at the bar'
		);
	});

	it('adds a photo only when one is given for that person', () => {
		const person = ann();
		const base64 = btoa('not really a jpeg, but base64');
		expect(connectionToVCard(person)).not.toContain('PHOTO');
		const other = new Map([['someoneelse0001', { base64, type: 'image/jpeg' }]]);
		expect(connectionToVCard(person, { photos: other })).not.toContain('PHOTO');
		const mine = new Map([[person.id, { base64, type: 'image/jpeg' }]]);
		const photo = parseOne(connectionToVCard(person, { photos: mine })).getFirstProperty('photo');
		expect(String(photo?.getFirstValue())).toBe(base64);
	});

	it('calls a person without a name "Someone", and writes nothing for a forgotten one', () => {
		expect(textOf(parseOne(connectionToVCard(aPerson({ snapshot: { name: '' } }))), 'fn')).toBe(
			'Someone'
		);
		expect(connectionToVCard(aPerson({ deleted: '2026-05-02T09:00:00.000Z' }))).toBe('');
	});

	it.each(AWKWARD_TEXT)('round-trips %s in every field through ical.js', (_, value) => {
		const person = aPerson({
			snapshot: {
				name: value,
				headline: value,
				company: value,
				canHelpWith: value,
				lookingFor: value,
				note: value
			},
			memoryNote: value,
			howICanHelp: value,
			promise: value
		});
		const vcard = connectionToVCard(person, { includeNotes: true });
		for (const line of vcard.split('\r\n')) {
			expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
		}
		const card = parseOne(vcard);
		expect(textOf(card, 'fn')).toBe(asOneLine(value));
		expect(textOf(card, 'title')).toBe(asOneLine(value));
		expect(card.getFirstPropertyValue('org')).toBe(asOneLine(value));
		expect(textOf(card, 'note')).toBe(
			[
				`Can help with: ${asNote(value)}`,
				`Looking for: ${asNote(value)}`,
				`From them: ${asNote(value)}`,
				`My memory note: ${asNote(value)}`,
				`How I can help: ${asNote(value)}`,
				`My promise: ${asNote(value)}`
			].join('\n\n')
		);
	});
});

describe('connectionsToVCards', () => {
	it('writes everyone but the forgotten, each read back by ical.js with its own UID', () => {
		const people = [
			ann(),
			aPerson({ snapshot: { name: 'Bo; Chen' } }),
			aPerson({ snapshot: { name: 'Gone' }, deleted: '2026-05-02T09:00:00.000Z' }),
			aPerson({ snapshot: { name: 'Zoë 😀' }, archived: true })
		];
		const cards = parseAll(connectionsToVCards(people));
		expect(cards.map((card) => textOf(card, 'fn'))).toEqual(['Ann Lee', 'Bo; Chen', 'Zoë 😀']);
		expect(cards.map((card) => card.getFirstPropertyValue('uid'))).toEqual(
			[people[0], people[1], people[3]].map((p) => p?.id)
		);
	});

	it('gives every contact the same UID in two exports', () => {
		const people = [ann(), aPerson(), aPerson()];
		const uids = (text: string) => parseAll(text).map((c) => c.getFirstPropertyValue('uid'));
		expect(uids(connectionsToVCards(people, { includeNotes: true }))).toEqual(
			uids(connectionsToVCards(people))
		);
	});

	it('writes nothing for no one', () => {
		expect(connectionsToVCards([])).toBe('');
	});
});

describe('file names and type', () => {
	it('names everyone’s file by the local day, and one person’s by their name, made safe', () => {
		const now = Date.parse('2026-05-01T23:30:00.000Z');
		expect(VCARD_MIME).toBe('text/vcard');
		expect(contactsFileName(now)).toBe('tend-contacts-2026-05-01.vcf');
		expect(contactsFileName(now, 'Europe/Berlin')).toBe('tend-contacts-2026-05-02.vcf');
		expect(contactFileName('Ann Lee')).toBe('Ann Lee.vcf');
		expect(contactFileName('מרים כהן 😀')).toBe('מרים כהן 😀.vcf');
		expect(contactFileName('../../etc/passwd')).toBe('etc passwd.vcf');
		expect(contactFileName('a/b\\c:d*e?f"g<h>i|j')).toBe('a b c d e f g h i j.vcf');
		expect(contactFileName('ann\u202Efdp.exe')).toBe('ann fdp.exe.vcf');
		expect(contactFileName('line\r\nbreak\u0000')).toBe('line break.vcf');
		expect(contactFileName('  ...hidden. ')).toBe('hidden.vcf');
		expect(contactFileName('CON')).toBe('CON_.vcf');
		expect(contactFileName('')).toBe('contact.vcf');
		expect(contactFileName('???')).toBe('contact.vcf');
		expect(contactFileName('x'.repeat(300))).toBe(`${'x'.repeat(80)}.vcf`);
	});
});

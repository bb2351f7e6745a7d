import { describe, expect, it } from 'vitest';
import { summarise } from './network-views';
import {
	ANY_PERSON,
	cleanTag,
	findPeople,
	matchesQuery,
	normalise,
	tagsInUse,
	type PeopleQuery,
	type PersonSummary
} from './people-query';
import type { Interaction } from './records';
import { anInteraction, aPerson } from './testing/records';

const DAY_MS = 86_400_000;
const NOW = Date.parse('2026-06-01T00:00:00.000Z');

type PersonFields = Parameters<typeof aPerson>[0];

/** A person as the list shows them (through the real summary), with the interactions naming them. */
function summary(fields: PersonFields = {}, interactions: Interaction[] = []): PersonSummary {
	const connection = aPerson(fields);
	return summarise(
		connection,
		interactions.map((i) => ({ ...i, people: [connection.id] }))
	);
}

const query = (fields: Partial<PeopleQuery> = {}): PeopleQuery => ({ ...ANY_PERSON, ...fields });
const found = (people: PersonSummary[], q: Partial<PeopleQuery>) =>
	findPeople(people, query(q), NOW).map((p) => p.name);

describe('normalise', () => {
	it('drops accents and case, and collapses spaces', () => {
		expect(normalise("  Zoë  O'Brien ")).toBe("zoe o'brien");
		expect(normalise('ÅNGSTRÖM\tJosé\n\nÇa')).toBe('angstrom jose ca');
		expect(normalise('')).toBe('');
	});

	it('treats a composed and a decomposed accent alike', () => {
		expect(normalise('Zo\u00eb')).toBe(normalise('Zoe\u0308'));
	});
});

describe('search as I type', () => {
	const ada = summary({
		snapshot: { name: 'Ada Lovelace', company: 'Analytical Engines', headline: 'Mathematician' },
		tags: ['london'],
		memoryNote: 'Talked about looms'
	});
	const zoe = summary({
		snapshot: { name: 'Zoë Müller', company: 'Acme', headline: 'Designer', note: 'from the form' },
		howICanHelp: 'intro to Grace',
		promise: 'send the deck'
	});
	const people = [ada, zoe];

	it.each([
		['name', 'lovelace', ['Ada Lovelace']],
		['company', 'analytical', ['Ada Lovelace']],
		['headline', 'designer', ['Zoë Müller']],
		['tag', 'london', ['Ada Lovelace']],
		['memory note', 'looms', ['Ada Lovelace']],
		['how I can help', 'grace', ['Zoë Müller']],
		['promise', 'deck', ['Zoë Müller']],
		['their share-back note', 'form', ['Zoë Müller']],
		['part of a word', 'velac', ['Ada Lovelace']],
		['without accents', 'zoe muller', ['Zoë Müller']],
		['with accents and capitals', 'ZOË', ['Zoë Müller']],
		['every word, in any field and any order', 'engines  ada', ['Ada Lovelace']],
		['words from two people find no one', 'ada acme', []],
		['nothing', 'nobody', []]
	])('finds by %s ("%s")', (_what, text, names) => {
		expect(found(people, { text, sort: 'name' })).toEqual(names);
	});

	it('an empty or blank query finds everyone', () => {
		expect(found(people, { text: '   ', sort: 'name' })).toEqual(['Ada Lovelace', 'Zoë Müller']);
	});
});

describe('filters', () => {
	it('by event', () => {
		const people = [
			summary({ snapshot: { name: 'A' }, event: 'event0000000001' }),
			summary({ snapshot: { name: 'B' }, event: 'event0000000002' }),
			summary({ snapshot: { name: 'C' } })
		];
		expect(found(people, { event: 'event0000000001' })).toEqual(['A']);
	});

	it('by tag (the whole tag, not part of it)', () => {
		const people = [
			summary({ snapshot: { name: 'A' }, tags: ['investor', 'london'] }),
			summary({ snapshot: { name: 'B' }, tags: ['investors'] })
		];
		expect(found(people, { tag: 'investor' })).toEqual(['A']);
	});

	it('by channel', () => {
		const people = [
			summary({ snapshot: { name: 'A' }, channel: 'online' }),
			summary({ snapshot: { name: 'B' }, channel: 'workplace' }),
			summary({ snapshot: { name: 'C' } })
		];
		expect(found(people, { channel: 'online' })).toEqual(['A']);
		expect(found(people, { channel: 'in_person' })).toEqual(['C']);
	});

	it('needs a note', () => {
		const people = [
			summary({ snapshot: { name: 'A' }, needsNote: true }),
			summary({ snapshot: { name: 'B' }, needsNote: false })
		];
		expect(found(people, { needsNote: true })).toEqual(['A']);
		expect(found(people, { needsNote: false, sort: 'name' })).toEqual(['A', 'B']);
	});

	it('losing touch, from the last touch (not the meeting) and the cadence', () => {
		// Past the close tier's latest gap (45 days), well inside the occasional one (240).
		const longAgo = new Date(NOW - 50 * DAY_MS).toISOString();
		const lately = new Date(NOW - 5 * DAY_MS).toISOString();
		const people = [
			summary({ snapshot: { name: 'Silent' }, cadence: 'close', metAt: longAgo }),
			summary({ snapshot: { name: 'Touched' }, cadence: 'close', metAt: longAgo }, [
				anInteraction({ kind: 'conversation', at: lately })
			]),
			summary({ snapshot: { name: 'Resting' }, cadence: 'none', metAt: longAgo }),
			summary({ snapshot: { name: 'Occasional' }, metAt: longAgo })
		];
		expect(found(people, { losingTouch: true })).toEqual(['Silent']);
	});

	it('archived people are shown only when asked for, and then only they', () => {
		const people = [
			summary({ snapshot: { name: 'Active' } }),
			summary({ snapshot: { name: 'Archived' }, archived: true })
		];
		expect(found(people, {})).toEqual(['Active']);
		expect(found(people, { archived: true })).toEqual(['Archived']);
	});

	it('every filter must hold at once', () => {
		const match: PersonFields = {
			snapshot: { name: 'Match' },
			event: 'event0000000001',
			tags: ['vc'],
			channel: 'online',
			needsNote: true
		};
		const people = [
			summary(match),
			summary({ ...match, snapshot: { name: 'Other event' }, event: 'event0000000002' }),
			summary({ ...match, snapshot: { name: 'Other tag' }, tags: ['angel'] }),
			summary({ ...match, snapshot: { name: 'Other channel' }, channel: 'workplace' }),
			summary({ ...match, snapshot: { name: 'Has a note' }, needsNote: false })
		];
		const q = { event: 'event0000000001', tag: 'vc', channel: 'online', needsNote: true } as const;
		expect(found(people, q)).toEqual(['Match']);
		expect(matchesQuery(people[0] as PersonSummary, query({ ...q, text: 'other' }), NOW)).toBe(
			false
		);
	});
});

describe('sorting', () => {
	const at = (day: number) => `2026-05-${String(day).padStart(2, '0')}T09:00:00.000Z`;

	it('recently met first, ties by name', () => {
		const people = [
			summary({ snapshot: { name: 'Old' }, metAt: at(1) }),
			summary({ snapshot: { name: 'bea' }, metAt: at(5) }),
			summary({ snapshot: { name: 'Ann' }, metAt: at(5) }),
			summary({ snapshot: { name: 'New' }, metAt: at(9) })
		];
		expect(found(people, { sort: 'met' })).toEqual(['New', 'Ann', 'bea', 'Old']);
	});

	it('last touched first, ties by name', () => {
		const people = [
			summary({ snapshot: { name: 'Met late' }, metAt: at(8) }),
			summary({ snapshot: { name: 'Touched' }, metAt: at(1) }, [anInteraction({ at: at(20) })]),
			summary({ snapshot: { name: 'Bob' }, metAt: at(3) }),
			summary({ snapshot: { name: 'Al' }, metAt: at(3) })
		];
		expect(found(people, { sort: 'touched' })).toEqual(['Touched', 'Met late', 'Al', 'Bob']);
	});

	it('by name ignoring case and accents, ties by id (a stable order)', () => {
		const people = [
			summary({ id: 'conn00000000002', snapshot: { name: 'Émile' } }),
			summary({ id: 'conn00000000003', snapshot: { name: 'ada' } }),
			summary({ id: 'conn00000000001', snapshot: { name: 'emile' } }),
			summary({ id: 'conn00000000004', snapshot: { name: 'Bob' } })
		];
		expect(findPeople(people, query({ sort: 'name' }), NOW).map((p) => p.id)).toEqual([
			'conn00000000003',
			'conn00000000004',
			'conn00000000001',
			'conn00000000002'
		]);
	});

	it('does not reorder the list it was given', () => {
		const people = [summary({ snapshot: { name: 'B' } }), summary({ snapshot: { name: 'A' } })];
		findPeople(people, query({ sort: 'name' }), NOW);
		expect(people.map((p) => p.name)).toEqual(['B', 'A']);
	});
});

describe('tagsInUse', () => {
	it('lists every tag once, most used first, ties alphabetically', () => {
		const people = [
			summary({ tags: ['london', 'vc'] }),
			summary({ tags: ['vc', 'angel'] }),
			summary({ tags: ['vc', 'london', 'berlin'] }),
			summary({ tags: [] })
		];
		expect(tagsInUse(people)).toEqual(['vc', 'london', 'angel', 'berlin']);
		expect(tagsInUse([])).toEqual([]);
	});
});

describe('cleanTag', () => {
	it('trims and collapses spaces', () => {
		expect(cleanTag('  machine \t  learning  ')).toBe('machine learning');
		expect(cleanTag('   ')).toBe('');
	});

	it('keeps at most 40 characters, never cutting one in half', () => {
		expect(cleanTag('a'.repeat(50))).toBe('a'.repeat(40));
		const emoji = '🌱'.repeat(41);
		expect(cleanTag(emoji)).toBe('🌱'.repeat(40));
	});

	it('keeps case (tags are shown as I typed them)', () => {
		expect(cleanTag('AI')).toBe('AI');
	});
});

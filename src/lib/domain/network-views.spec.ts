import { describe, expect, it } from 'vitest';
import {
	byId,
	changesByPerson,
	decisionsByPrompt,
	interactionsByPerson,
	patched,
	summarise,
	summariseAll,
	timelineOf
} from './network-views';
import { parseDecision } from './records';
import { aCardChange, anInteraction, aPerson } from './testing/records';

const ADA = 'conn00000000ada';
const BOB = 'conn00000000bob';
const CY = 'conn000000000cy';
const day = (d: number) => `2026-05-${String(d).padStart(2, '0')}T09:00:00.000Z`;

describe('interactionsByPerson', () => {
	it('files an interaction under every person it names, newest first', () => {
		const gave = anInteraction({ people: [ADA], at: day(2) });
		const intro = anInteraction({ kind: 'introduced', people: [ADA, BOB], at: day(5) });
		const group = anInteraction({ kind: 'conversation', people: [ADA, BOB, CY], at: day(3) });
		const map = interactionsByPerson([gave, intro, group]);
		expect(map.get(ADA)).toEqual([intro, group, gave]);
		expect(map.get(BOB)).toEqual([intro, group]);
		expect(map.get(CY)).toEqual([group]);
		expect(map.get('nobody')).toBeUndefined();
	});

	it('keeps one record for a group (the same object on every timeline, never a copy)', () => {
		const group = anInteraction({ people: [ADA, BOB] });
		const map = interactionsByPerson([group]);
		expect(map.get(ADA)?.[0]).toBe(group);
		expect(map.get(BOB)?.[0]).toBe(group);
	});

	it('an interaction naming no one is on no timeline', () => {
		expect(interactionsByPerson([anInteraction({ people: [] })]).size).toBe(0);
	});
});

describe('changesByPerson', () => {
	it('groups card changes by my connection, newest first', () => {
		const older = aCardChange({ connection: ADA, created: day(1) });
		const newer = aCardChange({ connection: ADA, created: day(9) });
		const bobs = aCardChange({ connection: BOB, created: day(4) });
		const map = changesByPerson([older, bobs, newer]);
		expect(map.get(ADA)).toEqual([newer, older]);
		expect(map.get(BOB)).toEqual([bobs]);
	});
});

describe('summarise', () => {
	it('a person as lists show them: name, headline, company, last touch, ledger, search text', () => {
		const ada = aPerson({
			id: ADA,
			metAt: day(1),
			tags: ['maths'],
			snapshot: {
				name: 'Ada Lovelace',
				headline: 'Mathematician',
				company: 'Engines',
				photoUrl: '/api/tend/photos/cardcardcard001/ada.jpg'
			}
		});
		const summary = summarise(ada, [
			anInteraction({ kind: 'asked', people: [ADA], at: day(7) }),
			anInteraction({ kind: 'gave', people: [ADA], at: day(3) })
		]);
		expect(summary).toEqual({
			id: ADA,
			connection: ada,
			name: 'Ada Lovelace',
			headline: 'Mathematician',
			company: 'Engines',
			photoPath: '/api/tend/photos/cardcardcard001/ada.jpg',
			lastTouchedAt: day(7),
			ledger: { gave: 1, asked: 1 },
			searchText: 'ada lovelace engines mathematician maths'
		});
	});

	it('someone without a name is "Someone"; a photo url that is not the server’s is not shown', () => {
		const summary = summarise(
			aPerson({ snapshot: { name: '', photoUrl: 'https://tracker.example/pixel.gif' } }),
			[]
		);
		expect(summary.name).toBe('Someone');
		expect(summary.photoPath).toBe('');
		expect(summary.ledger).toEqual({ gave: 0, asked: 0 });
	});
});

describe('summariseAll', () => {
	it('summarises everyone with the interactions filed under them', () => {
		const ada = aPerson({ id: ADA, snapshot: { name: 'Ada' } });
		const bob = aPerson({ id: BOB, snapshot: { name: 'Bob' } });
		const byPerson = interactionsByPerson([
			anInteraction({ kind: 'gave', people: [ADA] }),
			anInteraction({ kind: 'asked', people: [ADA, BOB] })
		]);
		const people = summariseAll([ada, bob], byPerson);
		expect(people.map((p) => [p.name, p.ledger])).toEqual([
			['Ada', { gave: 1, asked: 1 }],
			['Bob', { gave: 0, asked: 1 }]
		]);
		expect(summariseAll([], byPerson)).toEqual([]);
	});
});

describe('timelineOf', () => {
	it('interleaves what happened and card changes, newest first', () => {
		const met = anInteraction({ kind: 'met', at: day(1) });
		const gave = anInteraction({ at: day(6) });
		const change = aCardChange({ connection: ADA, created: day(4) });
		const later = aCardChange({ connection: ADA, created: day(8) });
		expect(timelineOf([gave, met], [later, change])).toEqual([
			{ type: 'card_change', at: day(8), change: later },
			{ type: 'interaction', at: day(6), interaction: gave },
			{ type: 'card_change', at: day(4), change },
			{ type: 'interaction', at: day(1), interaction: met }
		]);
	});

	it('is empty for someone nothing happened with', () => {
		expect(timelineOf([], [])).toEqual([]);
	});
});

describe('patched', () => {
	it('sets and removes keys in a copy, leaving the original as it was', () => {
		const original = new Map([
			['a', 1],
			['b', 2]
		]);
		const next = patched(original, [
			['b', 20],
			['a', undefined],
			['c', 3],
			['gone', undefined]
		]);
		expect([...next]).toEqual([
			['b', 20],
			['c', 3]
		]);
		expect([...original]).toEqual([
			['a', 1],
			['b', 2]
		]);
		expect(next).not.toBe(original);
	});
});

describe('byId', () => {
	it('maps records by id, the last of a repeated id winning', () => {
		const map = byId([
			{ id: 'a', v: 1 },
			{ id: 'b', v: 2 },
			{ id: 'a', v: 3 }
		]);
		expect([...map]).toEqual([
			['a', { id: 'a', v: 3 }],
			['b', { id: 'b', v: 2 }]
		]);
	});
});

describe('decisions by prompt', () => {
	it('keeps the latest decision of each prompt', () => {
		const d = (id: string, promptId: string, state: 'done' | 'open', updated: string) =>
			parseDecision({ id, promptId, state, updated });
		const map = decisionsByPrompt([
			d('a', 'p1', 'done', '2026-12-01 10:00:00.000Z'),
			d('b', 'p1', 'open', '2026-12-01 11:00:00.000Z'),
			d('c', 'p2', 'done', '2026-12-01 09:00:00.000Z')
		]);
		expect(map.get('p1')?.id).toBe('b');
		expect(map.get('p2')?.state).toBe('done');
		expect(map.size).toBe(2);
	});
});

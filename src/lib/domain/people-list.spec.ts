import { describe, expect, it } from 'vitest';
import {
	activeFilters,
	clearedQuery,
	grownLimit,
	isNarrowed,
	ledgerHint,
	PAGE_SIZE,
	peopleCount,
	queryFromParams,
	searchOfQuery,
	timeAgo,
	withoutFilter
} from './people-list';
import { ANY_PERSON, type PeopleQuery } from './people-query';

const query = (patch: Partial<PeopleQuery> = {}): PeopleQuery => ({ ...ANY_PERSON, ...patch });
const params = (search: string) => new URLSearchParams(search);
const DAY = 86_400_000;
const NOW = Date.parse('2025-06-15T12:00:00Z');

describe('the query in the URL', () => {
	it('leaves every default out, so the plain list is the plain path', () => {
		expect(searchOfQuery(ANY_PERSON)).toBe('');
	});

	it('round-trips every part of a query through the URL', () => {
		const full = query({
			text: 'zoë ai',
			event: 'ev1',
			tag: 'climate tech',
			channel: 'online',
			needsNote: true,
			losingTouch: true,
			archived: true,
			sort: 'name'
		});
		const search = searchOfQuery(full);
		expect(search).toBe(
			'?q=zo%C3%AB+ai&event=ev1&tag=climate+tech&channel=online&note=1&losing=1&archived=1&sort=name'
		);
		expect(queryFromParams(params(search))).toEqual(full);
	});

	it.each([
		['an unknown channel', '?channel=carrier-pigeon', query()],
		['an unknown sort', '?sort=random', query()],
		['a flag that is not on', '?note=0&archived=yes', query()],
		['a flag written as true', '?losing=true', query({ losingTouch: true })],
		['a search text too long to be one', `?q=${'a'.repeat(500)}`, query({ text: 'a'.repeat(200) })]
	])('reads %s as its default (or within bounds)', (_, search, expected) => {
		expect(queryFromParams(params(search))).toEqual(expected);
	});

	it('keeps only meaningful search text: spaces alone are no search', () => {
		expect(searchOfQuery(query({ text: '   ' }))).toBe('');
		expect(searchOfQuery(query({ text: '  ada ' }))).toBe('?q=ada');
	});
});

describe('the filters turned on', () => {
	const names = (id: string) => (id === 'ev1' ? 'FOSDEM' : undefined);

	it('lists each filter on, with its chip words, in the panel order', () => {
		const on = query({ tag: 'ai', event: 'ev1', channel: 'workplace', needsNote: true });
		expect(activeFilters(on, names)).toEqual([
			{ key: 'event', label: 'Event: FOSDEM' },
			{ key: 'tag', label: 'Tag: ai' },
			{ key: 'channel', label: 'Workplace' },
			{ key: 'needsNote', label: 'Needs a memory note' }
		]);
	});

	it('names an event the device no longer knows instead of showing its id', () => {
		expect(activeFilters(query({ event: 'gone' }), names)).toEqual([
			{ key: 'event', label: 'Event: unknown event' }
		]);
	});

	it('does not count the search text or the sort as filters', () => {
		expect(activeFilters(query({ text: 'ada', sort: 'name' }), names)).toEqual([]);
	});

	it('turns one filter off and leaves the rest', () => {
		const on = query({ tag: 'ai', archived: true, text: 'ada' });
		expect(withoutFilter(on, 'archived')).toEqual(query({ tag: 'ai', text: 'ada' }));
	});

	it('clears filters and text but keeps the order I chose', () => {
		const on = query({ tag: 'ai', losingTouch: true, text: 'ada', sort: 'touched' });
		expect(clearedQuery(on)).toEqual(query({ sort: 'touched' }));
	});

	it.each([
		[query(), false],
		[query({ sort: 'name' }), false],
		[query({ text: 'a' }), true],
		[query({ archived: true }), true]
	])('knows whether a query narrows the list (%#)', (q, expected) => {
		expect(isNarrowed(q)).toBe(expected);
	});
});

describe('paging a long list', () => {
	it('adds a page at a time and never more than there are', () => {
		expect(grownLimit(PAGE_SIZE, 5000)).toBe(2 * PAGE_SIZE);
		expect(grownLimit(PAGE_SIZE, PAGE_SIZE + 5)).toBe(PAGE_SIZE + 5);
		expect(grownLimit(0, 10)).toBe(10);
	});
});

describe("a row's words", () => {
	it('counts people in plain English with thousands grouped', () => {
		expect(peopleCount(0)).toBe('0 people');
		expect(peopleCount(1)).toBe('1 person');
		expect(peopleCount(5000)).toBe('5,000 people');
	});

	it.each([
		[0, 'today'],
		[1, 'yesterday'],
		[3, '3 days ago'],
		[15, '2 weeks ago'],
		[95, '3 months ago'],
		[800, '2 years ago']
	])('says %i days back as "%s"', (days, words) => {
		expect(timeAgo(new Date(NOW - days * DAY).toISOString(), NOW)).toBe(words);
	});

	it('says nothing of a time that is not one', () => {
		expect(timeAgo('', NOW)).toBe('');
	});

	it('hints at gives and asks only when there were some', () => {
		expect(ledgerHint({ gave: 0, asked: 0 })).toBe('');
		expect(ledgerHint({ gave: 3, asked: 1 })).toBe('gave 3 · asked 1');
		expect(ledgerHint({ gave: 0, asked: 2 })).toBe('asked 2');
	});
});

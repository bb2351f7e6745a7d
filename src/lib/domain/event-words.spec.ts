import { describe, expect, it } from 'vitest';
import {
	eventSummaryWords,
	eventWhen,
	parseTotals,
	totalsWords,
	zoneWords,
	type EventTotals
} from './event-words';
import { parseEvent, type EventRecord } from './records';

const BERLIN = 'Europe/Berlin';

function anEvent(startsAt: string, endsAt = '', timeZone = BERLIN): EventRecord {
	return parseEvent({ id: 'event0000000001', name: 'Conf', startsAt, endsAt, timeZone });
}

describe('eventWhen', () => {
	// Berlin is UTC+2 in September: 09:00 there is 07:00 UTC.
	it.each([
		['one day', '2026-09-12T07:00:00.000Z', '2026-09-12T16:00:00.000Z', 'Sat 12 Sep, 09:00–18:00'],
		[
			'an evening past midnight',
			'2026-09-11T18:00:00.000Z',
			'2026-09-12T00:00:00.000Z',
			'Fri 11 Sep, 20:00 – Sat 12 Sep, 02:00'
		],
		[
			'an evening to midnight',
			'2026-09-12T18:00:00.000Z',
			'2026-09-12T22:00:00.000Z',
			'Sat 12 Sep, 20:00–00:00'
		],
		['three days', '2026-09-12T07:00:00.000Z', '2026-09-14T16:00:00.000Z', '12–14 Sep'],
		['a day and a night', '2026-09-12T07:00:00.000Z', '2026-09-13T09:00:00.000Z', '12–13 Sep'],
		['across two months', '2026-09-30T07:00:00.000Z', '2026-10-02T16:00:00.000Z', '30 Sep – 2 Oct'],
		[
			'across two years',
			'2026-12-30T08:00:00.000Z',
			'2027-01-02T17:00:00.000Z',
			'30 Dec 2026 – 2 Jan 2027'
		],
		['a whole day', '2026-09-11T22:00:00.000Z', '2026-09-12T22:00:00.000Z', 'Sat 12 Sep'],
		['three whole days', '2026-09-11T22:00:00.000Z', '2026-09-14T22:00:00.000Z', '12–14 Sep'],
		['a start only', '2026-09-12T17:00:00.000Z', '', 'Sat 12 Sep, 19:00'],
		['a start at midnight only', '2026-09-11T22:00:00.000Z', '', 'Sat 12 Sep'],
		[
			'an end before the start',
			'2026-09-12T17:00:00.000Z',
			'2026-09-12T10:00:00.000Z',
			'Sat 12 Sep, 19:00'
		],
		[
			'the 23-hour day in spring',
			'2026-03-29T07:00:00.000Z',
			'2026-03-29T16:00:00.000Z',
			'Sun 29 Mar, 09:00–18:00'
		],
		[
			'the 25-hour day in autumn',
			'2026-10-25T08:00:00.000Z',
			'2026-10-25T17:00:00.000Z',
			'Sun 25 Oct, 09:00–18:00'
		],
		['no dates', '', '', ''],
		['an end only', '', '2026-09-12T16:00:00.000Z', '']
	])('%s in the device’s own zone: %j', (_, startsAt, endsAt, words) => {
		expect(eventWhen(anEvent(startsAt, endsAt), BERLIN)).toBe(words);
	});

	it('tells an event without a zone in the device’s zone, never naming it', () => {
		const event = anEvent('2026-09-12T07:00:00.000Z', '2026-09-12T16:00:00.000Z', '');
		expect(eventWhen(event, BERLIN)).toBe('Sat 12 Sep, 09:00–18:00');
		expect(eventWhen(event, 'America/New_York')).toBe('Sat 12 Sep, 03:00–12:00');
	});

	it('names the event’s zone when its clock differs from the device’s', () => {
		const event = anEvent('2026-09-12T07:00:00.000Z', '2026-09-12T16:00:00.000Z');
		expect(eventWhen(event, 'America/New_York')).toBe('Sat 12 Sep, 09:00–18:00 (Berlin time)');
		expect(eventWhen(event, 'Europe/London')).toBe('Sat 12 Sep, 09:00–18:00 (Berlin time)');
		// Paris keeps Berlin's clock: nothing to say.
		expect(eventWhen(event, 'Europe/Paris')).toBe('Sat 12 Sep, 09:00–18:00');
	});

	it('tells a far-away event on its own day, though it is another day on my phone', () => {
		// 09:00–18:00 on Saturday in Tokyo is Friday 17:00 to Saturday 02:00 in Los Angeles.
		const tokyo = anEvent('2026-09-12T00:00:00.000Z', '2026-09-12T09:00:00.000Z', 'Asia/Tokyo');
		expect(eventWhen(tokyo, 'America/Los_Angeles')).toBe('Sat 12 Sep, 09:00–18:00 (Tokyo time)');
		const buenosAires = anEvent('2026-09-12T12:00:00.000Z', '', 'America/Argentina/Buenos_Aires');
		expect(eventWhen(buenosAires, BERLIN)).toBe('Sat 12 Sep, 09:00 (Buenos Aires time)');
	});

	it('names UTC and offset-only zones by their offset', () => {
		const event = (zone: string) =>
			eventWhen(anEvent('2026-09-12T07:00:00.000Z', '2026-09-12T16:00:00.000Z', zone), BERLIN);
		expect(event('UTC')).toBe('Sat 12 Sep, 07:00–16:00 (UTC)');
		expect(event('Etc/GMT-5')).toBe('Sat 12 Sep, 12:00–21:00 (GMT+5)');
	});

	it('names a zone only by its clock, not by what the event spans (a day in the same clock)', () => {
		const event = anEvent('2026-03-29T07:00:00.000Z', '2026-03-29T16:00:00.000Z');
		// London moves its clocks the same hour as Berlin: one hour behind all day.
		expect(eventWhen(event, 'Europe/London')).toBe('Sun 29 Mar, 09:00–18:00 (Berlin time)');
	});

	it('says the year when the event is not this year, given the clock', () => {
		const event = anEvent('2026-09-12T07:00:00.000Z', '2026-09-12T16:00:00.000Z');
		expect(eventWhen(event, BERLIN, Date.parse('2026-01-05T12:00:00Z'))).toBe(
			'Sat 12 Sep, 09:00–18:00'
		);
		expect(eventWhen(event, BERLIN, Date.parse('2025-11-05T12:00:00Z'))).toBe(
			'Sat 12 Sep 2026, 09:00–18:00'
		);
		const summit = anEvent('2027-09-12T07:00:00.000Z', '2027-09-14T16:00:00.000Z');
		expect(eventWhen(summit, BERLIN, Date.parse('2026-09-05T12:00:00Z'))).toBe('12–14 Sep 2027');
	});

	it('tells an unknown zone as the device’s', () => {
		const event = anEvent('2026-09-12T07:00:00.000Z', '2026-09-12T16:00:00.000Z', 'Mars/Olympus');
		expect(eventWhen(event, BERLIN)).toBe('Sat 12 Sep, 09:00–18:00');
	});
});

describe('zoneWords', () => {
	it.each([
		['Europe/Berlin', 'Berlin time'],
		['America/New_York', 'New York time'],
		['America/Argentina/Buenos_Aires', 'Buenos Aires time'],
		['UTC', 'UTC'],
		['Etc/UTC', 'UTC'],
		['Etc/GMT+3', 'GMT-3']
	])('%s is %s', (zone, words) => {
		expect(zoneWords(zone, Date.parse('2026-09-12T07:00:00Z'))).toBe(words);
	});
});

describe('eventSummaryWords', () => {
	it.each([
		[{ people: 12, notes: 10, followedUp: 7 }, '12 people · 10 notes · 7 followed up'],
		[{ people: 1, notes: 1, followedUp: 1 }, '1 person · 1 note · 1 followed up'],
		[{ people: 2, notes: 0, followedUp: 0 }, '2 people · 0 notes · 0 followed up'],
		[
			{ people: 1200, notes: 1001, followedUp: 1000 },
			'1,200 people · 1,001 notes · 1,000 followed up'
		],
		[{ people: 0, notes: 0, followedUp: 0 }, 'No one met here yet']
	])('%o reads %j', (summary, words) => {
		expect(eventSummaryWords(summary)).toBe(words);
	});
});

describe('parseTotals', () => {
	it('reads the server’s answer', () => {
		expect(
			parseTotals({ joined: 120, swaps: 340, notedShare: 0.62, followedUpShare: 0.4, threshold: 5 })
		).toEqual({ joined: 120, swaps: 340, notedShare: 0.62, followedUpShare: 0.4, threshold: 5 });
	});

	it('reads null as "too few", and anything that is no count or share as null too', () => {
		expect(
			parseTotals({ joined: null, swaps: -3, notedShare: 1.2, followedUpShare: '0.5' })
		).toEqual({ joined: null, swaps: null, notedShare: null, followedUpShare: null, threshold: 5 });
		expect(parseTotals({ joined: 2.5, swaps: Number.NaN, notedShare: Number.NaN })).toMatchObject({
			joined: null,
			swaps: null,
			notedShare: null
		});
		for (const value of [null, undefined, 'totals', [1, 2], 7]) {
			expect(parseTotals(value)).toEqual({
				joined: null,
				swaps: null,
				notedShare: null,
				followedUpShare: null,
				threshold: 5
			});
		}
		expect(parseTotals({ threshold: 0 }).threshold).toBe(5);
		expect(parseTotals({ threshold: 10 }).threshold).toBe(10);
	});
});

describe('totalsWords', () => {
	const totals = (fields: Partial<EventTotals>): EventTotals => ({
		joined: null,
		swaps: null,
		notedShare: null,
		followedUpShare: null,
		threshold: 5,
		...fields
	});

	it('tells the organiser the totals', () => {
		expect(
			totalsWords(totals({ joined: 70_000, swaps: 340, notedShare: 0.625, followedUpShare: 0.4 }))
		).toEqual({
			joined: '70,000 people joined',
			swaps: '340 swaps',
			noted: '63% of people met here have a memory note',
			followedUp: '40% of people met here were followed up'
		});
	});

	it('says "fewer than 5" for every total the server held back', () => {
		expect(totalsWords(totals({}))).toEqual({
			joined: 'Fewer than 5 people joined',
			swaps: 'Fewer than 5 swaps',
			noted: 'Memory notes: fewer than 5 people met here so far',
			followedUp: 'Follow-ups: fewer than 5 people met here so far'
		});
	});

	it('never shows a count below the threshold, even if one slipped through', () => {
		const words = totalsWords(totals({ joined: 4, swaps: 1 }));
		expect(words.joined).toBe('Fewer than 5 people joined');
		expect(words.swaps).toBe('Fewer than 5 swaps');
		expect(totalsWords(totals({ joined: 5, swaps: 5 }))).toMatchObject({
			joined: '5 people joined',
			swaps: '5 swaps'
		});
	});

	it('shows shares as whole percents: 0% and 100% only for none and all', () => {
		const noted = (notedShare: number) => totalsWords(totals({ notedShare })).noted.split(' ')[0];
		expect([0, 0.004, 0.5, 0.625, 0.996, 1].map(noted)).toEqual([
			'0%',
			'1%',
			'50%',
			'63%',
			'99%',
			'100%'
		]);
	});
});

import { describe, expect, it } from 'vitest';
import { prng } from '$lib/testing/prng';
import { dayNumberAt } from './follow-ups/dates';
import {
	currentEvent,
	eventSpan,
	eventSummary,
	eventZone,
	isOrganiserOf,
	isRunning,
	isTimeZone,
	nextLocalMidnight
} from './events';
import { parseEvent, type Connection, type EventRecord, type Interaction } from './records';
import { aPerson, anInteraction } from './testing/records';

const at = (iso: string) => Date.parse(iso);

let eventCount = 0;
/** An event as the device stores it, with a fresh id unless told. */
function anEvent(fields: Partial<EventRecord> = {}): EventRecord {
	return parseEvent({
		id: `event${String(++eventCount).padStart(10, '0')}`,
		name: 'Conf',
		...fields
	});
}

describe('time zones', () => {
	it('knows IANA names and refuses others', () => {
		expect(isTimeZone('Europe/Berlin')).toBe(true);
		expect(isTimeZone('UTC')).toBe(true);
		expect(isTimeZone('')).toBe(false);
		expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
		expect(isTimeZone('Europe/Berlin; drop table')).toBe(false);
	});

	it('tells an event in its own zone, else the device’s, else UTC', () => {
		expect(eventZone({ timeZone: 'Asia/Tokyo' }, 'Europe/Berlin')).toBe('Asia/Tokyo');
		expect(eventZone({ timeZone: '' }, 'Europe/Berlin')).toBe('Europe/Berlin');
		expect(eventZone({ timeZone: 'Mars/Olympus_Mons' }, 'Europe/Berlin')).toBe('Europe/Berlin');
		expect(eventZone({ timeZone: '' }, 'nowhere')).toBe('UTC');
	});
});

describe('nextLocalMidnight', () => {
	it.each([
		['an ordinary day', '2026-09-12T07:00:00.000Z', 'Europe/Berlin', '2026-09-12T22:00:00.000Z'],
		[
			'a zone a quarter hour off',
			'2026-09-12T07:00:00.000Z',
			'Asia/Kathmandu',
			'2026-09-12T18:15:00.000Z'
		],
		[
			'the 23-hour day in spring',
			'2026-03-29T07:00:00.000Z',
			'Europe/Berlin',
			'2026-03-29T22:00:00.000Z'
		],
		[
			'the 25-hour day in autumn',
			'2026-10-24T22:30:00.000Z',
			'Europe/Berlin',
			'2026-10-25T23:00:00.000Z'
		],
		// Chile turns its clocks back at midnight: 24:00 becomes 23:00, and midnight comes again.
		[
			'a day whose midnight comes twice',
			'2026-04-04T23:00:00.000Z',
			'America/Santiago',
			'2026-04-05T04:00:00.000Z'
		],
		// ... and forward at midnight: the next day begins at 01:00.
		[
			'a day that begins at 01:00',
			'2026-09-05T23:00:00.000Z',
			'America/Santiago',
			'2026-09-06T04:00:00.000Z'
		],
		// Samoa skipped 30 December 2011: the 29th ended straight into the 31st.
		['a skipped day', '2011-12-29T20:00:00.000Z', 'Pacific/Apia', '2011-12-30T10:00:00.000Z'],
		[
			'a time a second before midnight',
			'2026-09-12T21:59:59.500Z',
			'Europe/Berlin',
			'2026-09-12T22:00:00.000Z'
		]
	])('finds the end of %s', (_, start, zone, end) => {
		expect(new Date(nextLocalMidnight(at(start), zone)).toISOString()).toBe(end);
	});

	it('is always the first second of a later local day (2,000 random times and zones)', () => {
		const random = prng(0x3a1d);
		const zones = [
			'UTC',
			'Europe/Berlin',
			'America/Santiago',
			'America/Havana',
			'Asia/Kathmandu',
			'Australia/Lord_Howe',
			'Pacific/Chatham',
			'Pacific/Apia',
			'America/St_Johns'
		];
		for (let i = 0; i < 2000; i++) {
			const ms = Math.floor(at('2000-01-01T00:00:00Z') + random() * 40 * 365 * 86_400_000);
			const zone = zones[i % zones.length] ?? 'UTC';
			const end = nextLocalMidnight(ms, zone);
			const where = `${new Date(ms).toISOString()} ${zone}`;
			expect(end, where).toBeGreaterThan(ms);
			expect(end - ms, where).toBeLessThanOrEqual(26 * 3_600_000);
			expect(dayNumberAt(end, zone), where).toBeGreaterThan(dayNumberAt(ms, zone));
			expect(dayNumberAt(end - 1000, zone), where).toBe(dayNumberAt(ms, zone));
		}
	});
});

describe('isRunning', () => {
	const conf = anEvent({
		startsAt: '2026-09-12T07:00:00.000Z',
		endsAt: '2026-09-12T16:00:00.000Z',
		timeZone: 'Europe/Berlin'
	});

	it('runs from its start, inclusive, to its end, exclusive', () => {
		expect(isRunning(conf, at('2026-09-12T06:59:59.999Z'), 'UTC')).toBe(false);
		expect(isRunning(conf, at('2026-09-12T07:00:00.000Z'), 'UTC')).toBe(true);
		expect(isRunning(conf, at('2026-09-12T15:59:59.999Z'), 'UTC')).toBe(true);
		expect(isRunning(conf, at('2026-09-12T16:00:00.000Z'), 'UTC')).toBe(false);
	});

	it('is the same instant everywhere: the device’s zone does not move a start and an end', () => {
		for (const device of ['UTC', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Asia/Kathmandu']) {
			expect(isRunning(conf, at('2026-09-12T12:00:00.000Z'), device), device).toBe(true);
			expect(isRunning(conf, at('2026-09-12T17:00:00.000Z'), device), device).toBe(false);
		}
	});

	it('an event across midnight runs on both sides of it', () => {
		// A party in Berlin from 20:00 on Friday to 02:00 on Saturday.
		const party = anEvent({
			startsAt: '2026-09-11T18:00:00.000Z',
			endsAt: '2026-09-12T00:00:00.000Z',
			timeZone: 'Europe/Berlin'
		});
		expect(isRunning(party, at('2026-09-11T21:59:00.000Z'), 'Europe/Berlin')).toBe(true);
		expect(isRunning(party, at('2026-09-11T22:30:00.000Z'), 'Europe/Berlin')).toBe(true);
		expect(isRunning(party, at('2026-09-11T23:59:59.000Z'), 'America/New_York')).toBe(true);
		expect(isRunning(party, at('2026-09-12T00:00:00.000Z'), 'Europe/Berlin')).toBe(false);
	});

	it('an event over several days runs through its nights', () => {
		const summit = anEvent({
			startsAt: '2026-09-12T07:00:00.000Z',
			endsAt: '2026-09-14T16:00:00.000Z',
			timeZone: 'Asia/Tokyo'
		});
		expect(isRunning(summit, at('2026-09-13T03:00:00.000Z'), 'UTC')).toBe(true);
		expect(isRunning(summit, at('2026-09-13T18:00:00.000Z'), 'UTC')).toBe(true);
	});

	it('with a start only, runs to midnight in the event’s zone, whatever the device’s', () => {
		// 19:00 in Auckland (UTC+12) on 12 September: until midnight there, 12:00 UTC.
		const meetup = anEvent({ startsAt: '2026-09-12T07:00:00.000Z', timeZone: 'Pacific/Auckland' });
		for (const device of ['America/Los_Angeles', 'Europe/Berlin', 'Pacific/Auckland']) {
			expect(isRunning(meetup, at('2026-09-12T11:59:59.000Z'), device), device).toBe(true);
			expect(isRunning(meetup, at('2026-09-12T12:00:00.000Z'), device), device).toBe(false);
		}
	});

	it('with a start only and no zone, runs to midnight in the device’s zone', () => {
		const meetup = anEvent({ startsAt: '2026-09-12T07:00:00.000Z' });
		const later = at('2026-09-12T15:00:00.000Z');
		expect(isRunning(meetup, later, 'Pacific/Auckland')).toBe(false);
		expect(isRunning(meetup, later, 'Europe/Berlin')).toBe(true);
		expect(isRunning(meetup, at('2026-09-12T22:00:00.000Z'), 'Europe/Berlin')).toBe(false);
		// A zone Intl does not know counts as none.
		const lost = anEvent({ startsAt: '2026-09-12T07:00:00.000Z', timeZone: 'Mars/Olympus_Mons' });
		expect(isRunning(lost, later, 'Europe/Berlin')).toBe(true);
	});

	it('with a start only on a daylight-saving day, runs to that day’s real midnight', () => {
		// Berlin, Sunday 29 March 2026 (23 hours) and Sunday 25 October 2026 (25 hours), from 09:00.
		const spring = anEvent({ startsAt: '2026-03-29T07:00:00.000Z', timeZone: 'Europe/Berlin' });
		expect(isRunning(spring, at('2026-03-29T21:59:59.000Z'))).toBe(true);
		expect(isRunning(spring, at('2026-03-29T22:00:00.000Z'))).toBe(false);
		const autumn = anEvent({ startsAt: '2026-10-25T08:00:00.000Z', timeZone: 'Europe/Berlin' });
		expect(isRunning(autumn, at('2026-10-25T22:59:59.000Z'))).toBe(true);
		expect(isRunning(autumn, at('2026-10-25T23:00:00.000Z'))).toBe(false);
	});

	it('an end that is not after the start counts as none', () => {
		for (const endsAt of ['2026-09-12T07:00:00.000Z', '2026-09-11T07:00:00.000Z']) {
			const odd = anEvent({ startsAt: '2026-09-12T07:00:00.000Z', endsAt, timeZone: 'UTC' });
			expect(eventSpan(odd)).toEqual({
				start: at('2026-09-12T07:00:00.000Z'),
				end: at('2026-09-13T00:00:00.000Z'),
				hasEnd: false
			});
			expect(isRunning(odd, at('2026-09-12T23:00:00.000Z'))).toBe(true);
		}
	});

	it('an event with no start never runs', () => {
		const undated = anEvent({ endsAt: '2026-09-12T16:00:00.000Z' });
		for (const now of [0, at('2026-09-12T12:00:00.000Z'), Date.now(), Number.NaN]) {
			expect(isRunning(undated, now, 'UTC')).toBe(false);
		}
		expect(eventSpan(undated)).toBeNull();
	});

	it('a clock that is not a number runs nothing', () => {
		expect(isRunning(conf, Number.NaN, 'UTC')).toBe(false);
	});
});

describe('currentEvent', () => {
	const NOW = at('2026-09-12T12:00:00.000Z');
	const past = anEvent({
		startsAt: '2026-09-01T07:00:00.000Z',
		endsAt: '2026-09-01T16:00:00.000Z'
	});
	const conference = anEvent({
		startsAt: '2026-09-11T07:00:00.000Z',
		endsAt: '2026-09-13T16:00:00.000Z'
	});
	const workshop = anEvent({
		startsAt: '2026-09-12T10:00:00.000Z',
		endsAt: '2026-09-12T13:00:00.000Z'
	});
	const undated = anEvent();

	it('is the one I picked while it is still one I joined, running or not', () => {
		expect(currentEvent([past, conference], past.id, NOW, 'UTC')).toBe(past);
		expect(currentEvent([undated, conference], undated.id, NOW, 'UTC')).toBe(undated);
	});

	it('forgets a pick I left: then it is the one running', () => {
		expect(currentEvent([conference], past.id, NOW, 'UTC')).toBe(conference);
		expect(currentEvent([conference], '', NOW, 'UTC')).toBe(conference);
	});

	it('of several running, is the one that started last', () => {
		expect(currentEvent([conference, workshop, past], null, NOW, 'UTC')).toBe(workshop);
		expect(currentEvent([workshop, conference], null, NOW, 'UTC')).toBe(workshop);
		expect(currentEvent([workshop, conference], null, at('2026-09-12T14:00:00.000Z'), 'UTC')).toBe(
			conference
		);
	});

	it('of several that started together, is the one that ends first, then the lower id', () => {
		const plenary = anEvent({ startsAt: workshop.startsAt, endsAt: '2026-09-12T18:00:00.000Z' });
		expect(currentEvent([plenary, workshop], null, NOW, 'UTC')).toBe(workshop);
		const twin = { ...workshop, id: 'aaaaaaaaaaaaaaa' };
		expect(currentEvent([workshop, twin], null, NOW, 'UTC')).toBe(twin);
		expect(currentEvent([twin, workshop], null, NOW, 'UTC')).toBe(twin);
	});

	it('is null when nothing I joined runs and I picked nothing', () => {
		expect(currentEvent([past, undated], null, NOW, 'UTC')).toBeNull();
		expect(currentEvent([], null, NOW, 'UTC')).toBeNull();
		expect(currentEvent([], past.id, NOW, 'UTC')).toBeNull();
	});

	it('follows the event’s zone for an event with a start only', () => {
		// 09:00 in Berlin; by 23:30 Berlin time it is over there, still before midnight in New York.
		const meetup = anEvent({ startsAt: '2026-09-12T07:00:00.000Z', timeZone: 'Europe/Berlin' });
		const late = at('2026-09-12T21:30:00.000Z');
		expect(currentEvent([meetup], null, late, 'America/New_York')).toBe(meetup);
		expect(
			currentEvent([meetup], null, at('2026-09-12T22:30:00.000Z'), 'America/New_York')
		).toBeNull();
	});
});

describe('isOrganiserOf', () => {
	it('is true only when the event names me as its organiser', () => {
		expect(isOrganiserOf(anEvent({ organiser: 'useruseruser001' }), 'useruseruser001')).toBe(true);
		expect(isOrganiserOf(anEvent({ organiser: 'useruseruser001' }), 'useruseruser002')).toBe(false);
		// A member's copy has no organiser: nobody is its organiser, not even a signed-out ''.
		expect(isOrganiserOf(anEvent(), '')).toBe(false);
		expect(isOrganiserOf(anEvent(), 'useruseruser001')).toBe(false);
	});
});

describe('eventSummary', () => {
	const EVENT = 'event0000000abc';
	const MET = '2026-09-12T10:00:00.000Z';
	const ann = aPerson({ event: EVENT, metAt: MET, memoryNote: 'Robots in schools' });
	const bob = aPerson({ event: EVENT, metAt: MET, memoryNote: '  ' });
	const cai = aPerson({ event: EVENT, metAt: MET, memoryNote: 'Sailing', archived: true });
	const dee = aPerson({ event: EVENT, metAt: MET, memoryNote: 'Forgot', deleted: MET });
	const eli = aPerson({ event: 'event0000000xyz', metAt: MET, memoryNote: 'Elsewhere' });
	const fay = aPerson({ event: '', metAt: MET, memoryNote: 'Nowhere' });
	const people = [ann, bob, cai, dee, eli, fay];
	const after = '2026-09-13T09:00:00.000Z';

	it('counts the people filed under the event and their notes, forgotten ones left out', () => {
		expect(eventSummary(EVENT, people, [])).toEqual({ people: 3, notes: 2, followedUp: 0 });
	});

	it('counts as followed up anyone I logged a give, an ask, a talk or a follow-up with since', () => {
		const interactions = [
			anInteraction({ kind: 'gave', people: [ann.id], at: after }),
			anInteraction({ kind: 'conversation', people: [cai.id], at: MET })
		];
		expect(eventSummary(EVENT, people, interactions)).toEqual({
			people: 3,
			notes: 2,
			followedUp: 2
		});
	});

	it('does not count a meeting, a note, anything before we met, or a deleted entry', () => {
		const interactions = [
			anInteraction({ kind: 'met', people: [ann.id], at: after }),
			anInteraction({ kind: 'note', people: [ann.id], at: after }),
			anInteraction({ kind: 'conversation', people: [bob.id], at: '2026-09-12T09:59:59.999Z' }),
			anInteraction({ kind: 'followed_up', people: [cai.id], at: after, deleted: after }),
			anInteraction({ kind: 'followed_up', people: [dee.id, eli.id, fay.id], at: after })
		];
		expect(eventSummary(EVENT, people, interactions)).toEqual({
			people: 3,
			notes: 2,
			followedUp: 0
		});
	});

	it('counts a person once, however often, and each person an introduction names', () => {
		const interactions = [
			anInteraction({ kind: 'introduced', people: [ann.id, bob.id, eli.id], at: after }),
			anInteraction({ kind: 'followed_up', people: [ann.id], at: after }),
			anInteraction({ kind: 'asked', people: [ann.id], at: after })
		];
		expect(eventSummary(EVENT, people, interactions).followedUp).toBe(2);
	});

	it('is all zeros for no event ("") and for an event nobody is filed under', () => {
		const zero = { people: 0, notes: 0, followedUp: 0 };
		expect(eventSummary('', people, [])).toEqual(zero);
		expect(eventSummary('event0000000new', people, [])).toEqual(zero);
	});

	it('agrees with a plain count over 200 random networks (seeded)', () => {
		const random = prng(0x5e11);
		const int = (n: number) => Math.floor(random() * n);
		const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
		const events = [EVENT, 'event0000000xyz', ''];
		const kinds = [
			'met',
			'note',
			'gave',
			'asked',
			'introduced',
			'conversation',
			'followed_up'
		] as const;
		const day = (n: number) =>
			new Date(at('2026-09-10T00:00:00.000Z') + n * 3_600_000).toISOString();
		for (let round = 0; round < 200; round++) {
			const connections: Connection[] = Array.from({ length: int(20) }, () =>
				aPerson({
					event: pick(events),
					metAt: day(int(72)),
					memoryNote: pick(['', ' ', 'Talked about bees']),
					deleted: random() < 0.15 ? day(80) : ''
				})
			);
			const interactions: Interaction[] = Array.from({ length: int(40) }, () =>
				anInteraction({
					kind: pick(kinds),
					at: day(int(96)),
					people: Array.from({ length: 1 + int(3) }, () => pick(connections)?.id ?? 'nobody'),
					deleted: random() < 0.1 ? day(90) : ''
				})
			);
			const filed = connections.filter((c) => c.event === EVENT && !c.deleted);
			const expected = {
				people: filed.length,
				notes: filed.filter((c) => c.memoryNote.trim()).length,
				followedUp: filed.filter((c) =>
					interactions.some(
						(i) =>
							!i.deleted &&
							i.kind !== 'met' &&
							i.kind !== 'note' &&
							i.people.includes(c.id) &&
							Date.parse(i.at) >= Date.parse(c.metAt)
					)
				).length
			};
			expect(eventSummary(EVENT, connections, interactions), `round ${round}`).toEqual(expected);
		}
	});
});

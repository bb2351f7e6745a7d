import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import {
	addDays,
	canonicalTime,
	dayNumberFromCalendar,
	dayNumberOf,
	daysAgoWords,
	daysBetween,
	dayString,
	deviceTimeZone,
	isoTime,
	localDay,
	offsetAt,
	relativeDayWords
} from './dates';

const at = (iso: string) => Date.parse(iso);

describe('localDay', () => {
	it.each([
		['UTC', '2026-03-01T23:30:00.000Z', '2026-03-01'],
		['Europe/Berlin', '2026-03-01T23:30:00.000Z', '2026-03-02'],
		['America/New_York', '2026-03-02T03:30:00.000Z', '2026-03-01'],
		['Pacific/Auckland', '2026-06-30T12:30:00.000Z', '2026-07-01'],
		['America/Los_Angeles', '2026-06-30T12:30:00.000Z', '2026-06-30'],
		['Asia/Kolkata', '2026-01-01T18:29:00.000Z', '2026-01-01'],
		['Asia/Kolkata', '2026-01-01T18:30:00.000Z', '2026-01-02']
	])('%s: %s is %s', (zone, iso, day) => {
		expect(localDay(at(iso), zone)).toBe(day);
	});

	it('follows the daylight-saving change in Berlin (last Sunday of March and of October)', () => {
		// 29 March 2026: 01:00 UTC becomes 03:00 local. Before it, local midnight is 23:00 UTC.
		expect(localDay(at('2026-03-28T22:59:59.000Z'), 'Europe/Berlin')).toBe('2026-03-28');
		expect(localDay(at('2026-03-28T23:00:00.000Z'), 'Europe/Berlin')).toBe('2026-03-29');
		// After it, local midnight is 22:00 UTC.
		expect(localDay(at('2026-03-29T21:59:59.000Z'), 'Europe/Berlin')).toBe('2026-03-29');
		expect(localDay(at('2026-03-29T22:00:00.000Z'), 'Europe/Berlin')).toBe('2026-03-30');
		// 25 October 2026: back to +01:00.
		expect(localDay(at('2026-10-24T21:59:59.000Z'), 'Europe/Berlin')).toBe('2026-10-24');
		expect(localDay(at('2026-10-24T22:00:00.000Z'), 'Europe/Berlin')).toBe('2026-10-25');
		expect(localDay(at('2026-10-25T22:59:59.000Z'), 'Europe/Berlin')).toBe('2026-10-25');
		expect(localDay(at('2026-10-25T23:00:00.000Z'), 'Europe/Berlin')).toBe('2026-10-26');
	});

	it('reads the hour of the change itself one time at a time', () => {
		// New York, 8 March 2026 07:00 UTC: 02:00 EST becomes 03:00 EDT; the day is 8 March throughout.
		for (const iso of ['2026-03-08T06:59:00.000Z', '2026-03-08T07:00:00.000Z']) {
			expect(localDay(at(iso), 'America/New_York')).toBe('2026-03-08');
		}
		expect(localDay(at('2026-03-09T03:59:00.000Z'), 'America/New_York')).toBe('2026-03-08');
		expect(localDay(at('2026-03-09T04:00:00.000Z'), 'America/New_York')).toBe('2026-03-09');
	});

	it('the same instant is a different day across the date line', () => {
		const instant = at('2026-01-15T20:00:00.000Z');
		expect(localDay(instant, 'Pacific/Auckland')).toBe('2026-01-16');
		expect(localDay(instant, 'America/Los_Angeles')).toBe('2026-01-15');
	});

	it('an unknown time zone is UTC, and never throws', () => {
		expect(localDay(at('2026-03-01T23:30:00.000Z'), 'Mars/Olympus_Mons')).toBe('2026-03-01');
		expect(localDay(at('2026-03-01T23:30:00.000Z'), '')).toBe('2026-03-01');
	});

	it('an invalid time is the empty day', () => {
		expect(localDay(Number.NaN, 'UTC')).toBe('');
		expect(localDay(Number.POSITIVE_INFINITY, 'UTC')).toBe('');
	});
});

describe('zone offsets: Temporal (Chromium, Firefox) and Intl (Safari, Node 20) agree', () => {
	const zones = [
		'UTC',
		'Europe/Berlin',
		'America/New_York',
		'America/St_Johns',
		'Asia/Kolkata',
		'Asia/Kathmandu',
		'Australia/Lord_Howe',
		'Pacific/Chatham',
		'Pacific/Apia',
		'Africa/Casablanca',
		'europe/berlin',
		'US/Pacific'
	];
	// Every 3 days, 5 hours and 13 minutes over 1970–2040, plus the changes and the instants around them.
	const times: number[] = [];
	for (let ms = 0; ms < Date.UTC(2040, 0, 1); ms += 278_000_000) times.push(ms + (ms % 997));
	times.push(at('2026-03-29T01:00:00.000Z'), at('2026-03-29T00:59:59.999Z'), -1, -1001);

	it.each(zones)('%s', (zone) => {
		const viaIntl = times.map((ms) => offsetAt(ms, zone, undefined));
		const viaTemporal = times.map((ms) => offsetAt(ms, zone, Temporal));
		expect(viaTemporal).toEqual(viaIntl);
	});

	it('an unknown zone is UTC both ways', () => {
		for (const zone of ['Mars/Olympus_Mons', '', 'not a zone']) {
			expect(offsetAt(at('2026-06-01T12:00:00.000Z'), zone, Temporal)).toBe(0);
			expect(offsetAt(at('2026-06-01T12:00:00.000Z'), zone, undefined)).toBe(0);
		}
	});

	it("the device's zone is the same both ways", () => {
		expect(deviceTimeZone(Temporal)).toBe(deviceTimeZone(undefined));
		expect(deviceTimeZone(undefined)).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
	});
});

describe('isoTime', () => {
	it('reads the stored shape by hand exactly as Date.parse does, and anything else with it', () => {
		for (const iso of [
			'2026-05-01T09:30:00.000Z',
			'1970-01-01T00:00:00.000Z',
			'1969-12-31T23:59:59.999Z',
			'2028-02-29T12:34:56.789Z',
			'2026-05-01T09:30:00+02:00',
			'2026-05-01'
		]) {
			expect(isoTime(iso)).toBe(Date.parse(iso));
		}
		expect(isoTime('')).toBeNaN();
		expect(isoTime('2026-05-01Txx:30:00.000Z')).toBeNaN();
	});
});

describe('calendar arithmetic', () => {
	it('adds calendar days across a daylight-saving change, months and years', () => {
		expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
		expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
		expect(addDays('2026-10-24', 2)).toBe('2026-10-26');
		expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
		expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
		expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
		expect(addDays('2026-03-01', 90)).toBe('2026-05-30');
	});

	it('counts the days between two dates', () => {
		expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
		expect(daysBetween('2026-03-30', '2026-03-28')).toBe(-2);
		expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
	});

	it('refuses what is not a date', () => {
		expect(addDays('2026-02-30', 1)).toBe('');
		expect(addDays('yesterday', 1)).toBe('');
		expect(daysBetween('', '2026-01-01')).toBeNaN();
		expect(dayNumberOf('2026-13-01')).toBeNaN();
	});

	it('round-trips day numbers, early years included', () => {
		for (const day of ['1970-01-01', '0050-06-15', '2026-07-04', '9999-12-31']) {
			expect(dayString(dayNumberOf(day))).toBe(day);
		}
	});

	it('a 29 February in a common year is its 28 February', () => {
		expect(dayString(dayNumberFromCalendar(2027, 2, 29))).toBe('2027-02-28');
		expect(dayString(dayNumberFromCalendar(2028, 2, 29))).toBe('2028-02-29');
	});
});

describe('relative words', () => {
	it.each([
		[0, 'today'],
		[-3, 'today'],
		[1, 'yesterday'],
		[2, '2 days ago'],
		[6, '6 days ago'],
		[7, '1 week ago'],
		[21, '3 weeks ago'],
		[29, '4 weeks ago'],
		[30, '1 month ago'],
		[125, '4 months ago'],
		[364, '12 months ago'],
		[365, '1 year ago'],
		[800, '2 years ago']
	])('%i days: %s', (days, words) => {
		expect(daysAgoWords(days)).toBe(words);
	});

	it('between two dates', () => {
		expect(relativeDayWords('2026-03-01', '2026-03-03')).toBe('2 days ago');
		expect(relativeDayWords('nonsense', '2026-03-03')).toBe('');
	});
});

describe('canonicalTime', () => {
	it('is isoTime for a stored time, NaN for any other shape or a field out of range', () => {
		expect(canonicalTime('2026-05-01T09:30:00.000Z')).toBe(isoTime('2026-05-01T09:30:00.000Z'));
		for (const odd of ['', '2026-05-01T24:00:00.000Z', '2026-05-01T09:60:00.000Z', '2026-05-01'])
			expect(canonicalTime(odd)).toBeNaN();
		expect(canonicalTime('2026-02-30T09:30:00.000Z')).toBeNaN();
	});

	it('orders two stored times as their text does', () => {
		let seed = 7;
		const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
		const digits = (n: number, width: number) => String(Math.floor(n)).padStart(width, '0');
		const time = () =>
			`${digits(next() * 10000, 4)}-${digits(1 + next() * 12, 2)}-${digits(1 + next() * 28, 2)}` +
			`T${digits(next() * 24, 2)}:${digits(next() * 60, 2)}:${digits(next() * 60, 2)}.${digits(next() * 1000, 3)}Z`;
		for (let i = 0; i < 2000; i++) {
			const [a, b] = [time(), time()];
			expect(canonicalTime(a) > canonicalTime(b), `${a} ${b}`).toBe(a > b);
		}
	});
});

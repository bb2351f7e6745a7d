// Events in words for a person: when one happens, what I did there, and the organiser's totals.
// Pure and deterministic: day and month names are English and built here (not the runtime's
// locale data, which differs between engines: "Sep" or "Sept"), times are 24-hour, in the
// event's own zone, and the zone is named whenever its clock differs from the device's.
// Organiser totals below the server's threshold always read "fewer than 5", even if a number
// slipped through: the device never shows a count that could point at a person.
import { eventSpan, eventZone, type EventSummary } from './events';
import { calendarOf, dayNumberAt } from './follow-ups/dates';
import type { EventRecord } from './records';
import { fieldsOf } from './record-fields';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const clocks = new Map<string, Intl.DateTimeFormat>();

/** "09:05": the wall-clock time of `ms` in a zone that isTimeZone accepts. */
function clockAt(ms: number, timeZone: string): string {
	let clock = clocks.get(timeZone);
	if (!clock) {
		clock = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			hour: '2-digit',
			minute: '2-digit'
		});
		clocks.set(timeZone, clock);
	}
	return clock.format(ms);
}

interface LocalDay {
	weekday: string;
	date: number;
	month: string;
	year: number;
}

function localDayOf(ms: number, timeZone: string): LocalDay {
	const day = dayNumberAt(ms, timeZone);
	const { year, month, date } = calendarOf(day);
	// Day 0 (1 January 1970) was a Thursday.
	return {
		weekday: WEEKDAYS[(((day + 4) % 7) + 7) % 7] ?? '',
		date,
		month: MONTHS[month - 1] ?? '',
		year
	};
}

const sameDay = (a: LocalDay, b: LocalDay) =>
	a.date === b.date && a.month === b.month && a.year === b.year;

/** "Sat 12 Sep", with the year when it is not this year's. */
function dayWords(day: LocalDay, thisYear: number | null): string {
	const year = thisYear !== null && day.year !== thisYear ? ` ${day.year}` : '';
	return `${day.weekday} ${day.date} ${day.month}${year}`;
}

/** "12–14 Sep", "30 Sep – 2 Oct", "30 Dec 2026 – 2 Jan 2027"; the year when it is not this one. */
function rangeWords(first: LocalDay, last: LocalDay, thisYear: number | null): string {
	if (first.year !== last.year) {
		return `${first.date} ${first.month} ${first.year} – ${last.date} ${last.month} ${last.year}`;
	}
	const year = thisYear !== null && first.year !== thisYear ? ` ${first.year}` : '';
	if (first.month === last.month) return `${first.date}–${last.date} ${last.month}${year}`;
	return `${first.date} ${first.month} – ${last.date} ${last.month}${year}`;
}

/** How a person knows a zone: "Berlin time", "New York time"; an offset ("GMT+5") or "UTC". */
export function zoneWords(timeZone: string, atMs: number): string {
	const parts = timeZone.split('/');
	const city = parts.at(-1)?.replace(/_/g, ' ') ?? '';
	if (parts.length > 1 && parts[0] !== 'Etc' && city !== '') return `${city} time`;
	try {
		const offset = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'shortOffset' })
			.formatToParts(atMs)
			.find((part) => part.type === 'timeZoneName')?.value;
		return !offset || /^GMT(?:[+-]0)?$/.test(offset) ? 'UTC' : offset;
	} catch {
		return timeZone;
	}
}

/**
 * When an event happens, in words: "Sat 12 Sep, 09:00–18:00"; "Fri 11 Sep, 20:00 – Sat 12 Sep,
 * 02:00" (past midnight, under a day); "12–14 Sep" (several days); "Sat 12 Sep" (a whole day, or a
 * start at midnight with no end); "Sat 12 Sep, 19:00" (a start only). In the event's zone, named
 * when its clock differs from the device's ("… (Berlin time)"); the year when it is not this year
 * (given `nowMs`). No start: ''.
 */
export function eventWhen(
	event: Pick<EventRecord, 'startsAt' | 'endsAt' | 'timeZone'>,
	deviceZone: string,
	nowMs?: number
): string {
	const span = eventSpan(event, deviceZone);
	if (!span) return '';
	const zone = eventZone(event, deviceZone);
	const device = eventZone({ timeZone: deviceZone }, deviceZone);
	const thisYear = nowMs === undefined ? null : localDayOf(nowMs, zone).year;
	const first = localDayOf(span.start, zone);
	const startClock = clockAt(span.start, zone);
	const isWholeDays =
		startClock === '00:00' && (!span.hasEnd || clockAt(span.end, zone) === '00:00');

	let words: string;
	if (!span.hasEnd) {
		words = isWholeDays ? dayWords(first, thisYear) : `${dayWords(first, thisYear)}, ${startClock}`;
	} else {
		// An end at midnight closes the day before: 09:00 to 00:00 is one day, not two.
		const last = localDayOf(span.end - 1, zone);
		const endClock = clockAt(span.end, zone);
		if (sameDay(first, last)) {
			words = isWholeDays
				? dayWords(first, thisYear)
				: `${dayWords(first, thisYear)}, ${startClock}–${endClock}`;
		} else if (!isWholeDays && span.end - span.start < 86_400_000) {
			words = `${dayWords(first, thisYear)}, ${startClock} – ${dayWords(localDayOf(span.end, zone), thisYear)}, ${endClock}`;
		} else {
			words = rangeWords(first, last, thisYear);
		}
	}
	const isOtherClock = [span.start, span.end].some(
		(ms) =>
			clockAt(ms, zone) !== clockAt(ms, device) ||
			!sameDay(localDayOf(ms, zone), localDayOf(ms, device))
	);
	return isOtherClock ? `${words} (${zoneWords(zone, span.start)})` : words;
}

/** A count with its noun: "1 person", "12 people", "1,200 notes". */
function counted(n: number, one: string, many: string): string {
	return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

/** "12 people · 10 notes · 7 followed up"; "No one met here yet" when nobody is filed there. */
export function eventSummaryWords(summary: EventSummary): string {
	if (summary.people === 0) return 'No one met here yet';
	return [
		counted(summary.people, 'person', 'people'),
		counted(summary.notes, 'note', 'notes'),
		`${summary.followedUp.toLocaleString('en')} followed up`
	].join(' · ');
}

/** An organiser's totals as the server sends them (`GET /api/tend/events/{id}/totals`). */
export interface EventTotals {
	/** Members, or null when fewer than `threshold`. */
	joined: number | null;
	/** Swaps filed under the event, or null when fewer than `threshold`. */
	swaps: number | null;
	/** Share (0–1) of the connections filed there with a memory note; null when too few. */
	notedShare: number | null;
	/** Share (0–1) of those connections followed up since; null when too few. */
	followedUpShare: number | null;
	threshold: number;
}

/** The server's threshold when its answer has none. */
export const TOTALS_THRESHOLD = 5;

const countOf = (value: unknown) =>
	typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : null;
const shareOf = (value: unknown) =>
	typeof value === 'number' && value >= 0 && value <= 1 ? value : null;

/** Reads the totals answer leniently: a count that is not one, or a share out of 0–1, is null. */
export function parseTotals(value: unknown): EventTotals {
	const t = fieldsOf(value);
	const threshold = countOf(t.threshold);
	return {
		joined: countOf(t.joined),
		swaps: countOf(t.swaps),
		notedShare: shareOf(t.notedShare),
		followedUpShare: shareOf(t.followedUpShare),
		threshold: threshold !== null && threshold > 0 ? threshold : TOTALS_THRESHOLD
	};
}

/** A share as a whole percent: 0 and 100 only when it is none or all. */
function percent(share: number): string {
	const whole =
		share === 0 ? 0 : share === 1 ? 100 : Math.min(99, Math.max(1, Math.round(share * 100)));
	return `${whole}%`;
}

export interface TotalsWords {
	joined: string;
	swaps: string;
	noted: string;
	followedUp: string;
}

/** The organiser's totals in words; anything below the threshold is "fewer than 5". */
export function totalsWords(totals: EventTotals): TotalsWords {
	const few = `Fewer than ${totals.threshold.toLocaleString('en')}`;
	const isShown = (n: number | null): n is number => n !== null && n >= totals.threshold;
	const { joined, swaps, notedShare, followedUpShare } = totals;
	return {
		joined: isShown(joined)
			? `${counted(joined, 'person', 'people')} joined`
			: `${few} people joined`,
		swaps: isShown(swaps) ? counted(swaps, 'swap', 'swaps') : `${few} swaps`,
		noted:
			notedShare === null
				? `Memory notes: ${few.toLowerCase()} people met here so far`
				: `${percent(notedShare)} of people met here have a memory note`,
		followedUp:
			followedUpShare === null
				? `Follow-ups: ${few.toLowerCase()} people met here so far`
				: `${percent(followedUpShare)} of people met here were followed up`
	};
}

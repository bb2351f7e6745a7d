// Local dates in an IANA time zone, with Temporal where the browser has it (Chromium, Firefox) and
// Intl.DateTimeFormat where it does not (Safari, Node 20): the first Intl.DateTimeFormat a page
// makes costs it about 20 ms of loading locale data (80 on a slow phone), Temporal's zone lookup a
// fraction of one, and opening the app works out today's date. A local date is a string
// 'YYYY-MM-DD'; arithmetic on it is calendar arithmetic on the proleptic Gregorian calendar
// (day numbers since 1970-01-01), so a daylight-saving change never makes a day 23 or 25 hours
// long here. Invariants: nothing throws (an invalid zone is UTC, an invalid time is ''), and the
// same (time, zone) always gives the same day.

const DAY_MS = 86_400_000;

/** A local date as a day number: days since 1970-01-01 (negative before). */
export type DayNumber = number;

/**
 * Days since 1970-01-01 of a proleptic Gregorian date, and back (H. Hinnant's civil algorithms):
 * plain integer arithmetic, no Date object, valid for any year.
 */
function daysFromCivil(year: number, month: number, date: number): DayNumber {
	const y = month <= 2 ? year - 1 : year;
	const era = Math.floor(y / 400);
	const yoe = y - era * 400;
	const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + date - 1;
	const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
	return era * 146_097 + doe - 719_468;
}

/** The year, month (1–12) and day of month of a day number. */
export function calendarOf(day: DayNumber): { year: number; month: number; date: number } {
	const z = day + 719_468;
	const era = Math.floor(z / 146_097);
	const doe = z - era * 146_097;
	const yoe = Math.floor(
		(doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365
	);
	const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
	const mp = Math.floor((5 * doy + 2) / 153);
	const date = doy - Math.floor((153 * mp + 2) / 5) + 1;
	const month = mp < 10 ? mp + 3 : mp - 9;
	return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, date };
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
	if (month !== 2) return MONTH_DAYS[month - 1] ?? 31;
	return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}

/** The part of Temporal read here (TypeScript's lib does not describe it yet). */
interface TemporalZones {
	Now: { timeZoneId(): string };
	Instant: {
		fromEpochMilliseconds(ms: number): {
			toZonedDateTimeISO(timeZone: string): { offsetNanoseconds: number };
		};
	};
}

const temporal = (globalThis as { Temporal?: TemporalZones }).Temporal;

/** The zone this device keeps its clock in ('UTC' when the runtime does not say). */
export function deviceTimeZone(zones: TemporalZones | undefined = temporal): string {
	try {
		return (
			(zones ? zones.Now.timeZoneId() : Intl.DateTimeFormat().resolvedOptions().timeZone) || 'UTC'
		);
	} catch {
		return 'UTC';
	}
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function newFormatter(timeZone: string): Intl.DateTimeFormat {
	return new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: 'numeric',
		day: 'numeric',
		hour: 'numeric',
		minute: 'numeric',
		second: 'numeric'
	});
}

/** One formatter per zone, made once; an unknown zone gets (and keeps) the UTC one. */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
	let formatter = formatters.get(timeZone);
	if (!formatter) {
		try {
			formatter = newFormatter(timeZone);
		} catch {
			formatter = formatters.get('UTC') ?? newFormatter('UTC');
		}
		formatters.set(timeZone, formatter);
	}
	return formatter;
}

/**
 * The zone's offset from UTC at `ms`, in milliseconds (local wall time = ms + offset), to the
 * second; an unknown zone is UTC. `zones` is Temporal, or undefined for the Intl way.
 */
export function offsetAt(
	ms: number,
	timeZone: string,
	zones: TemporalZones | undefined = temporal
): number {
	if (zones) {
		try {
			const nanoseconds = zones.Instant.fromEpochMilliseconds(
				ms - (((ms % 1000) + 1000) % 1000)
			).toZonedDateTimeISO(timeZone).offsetNanoseconds;
			return Math.round(nanoseconds / 1e9) * 1000;
		} catch {
			return 0;
		}
	}
	const parts: Record<string, number> = {};
	for (const part of formatterFor(timeZone).formatToParts(ms)) {
		if (part.type !== 'literal') parts[part.type] = Number(part.value);
	}
	const wall = Date.UTC(
		parts.year ?? 1970,
		(parts.month ?? 1) - 1,
		parts.day ?? 1,
		parts.hour ?? 0,
		parts.minute ?? 0,
		parts.second ?? 0
	);
	return wall - (ms - (((ms % 1000) + 1000) % 1000));
}

/**
 * Offsets by UTC day, per zone: when a zone's offset is the same at both ends of a UTC day it is
 * that all day (zones change at most once a day), so most days cost two Intl calls once, ever.
 * A day with a change holds NaN and its times are asked one by one.
 */
const dayOffsets = new Map<string, Map<number, number>>();

function offsetOf(ms: number, timeZone: string): number {
	let offsets = dayOffsets.get(timeZone);
	if (!offsets) {
		offsets = new Map();
		dayOffsets.set(timeZone, offsets);
	}
	const utcDay = Math.floor(ms / DAY_MS);
	let offset = offsets.get(utcDay);
	if (offset === undefined) {
		const start = offsetAt(utcDay * DAY_MS, timeZone);
		const end = offsetAt((utcDay + 1) * DAY_MS - 1000, timeZone);
		offset = start === end ? start : Number.NaN;
		offsets.set(utcDay, offset);
	}
	return Number.isNaN(offset) ? exactOffsetOf(ms, timeZone) : offset;
}

/**
 * Offsets by second, per zone, on the days with a change (offsetAt reads only the second): a
 * time there asks Intl once, ever, not once per plan.
 */
const secondOffsets = new Map<string, Map<number, number>>();

function exactOffsetOf(ms: number, timeZone: string): number {
	let offsets = secondOffsets.get(timeZone);
	if (!offsets) {
		offsets = new Map();
		secondOffsets.set(timeZone, offsets);
	}
	const second = Math.floor(ms / 1000);
	let offset = offsets.get(second);
	if (offset === undefined) {
		offset = offsetAt(ms, timeZone);
		if (offsets.size > 100_000) offsets.clear();
		offsets.set(second, offset);
	}
	return offset;
}

/** The zone's offset from UTC at a time (Unix ms), in ms: local wall time = ms + offset. */
export function zoneOffset(ms: number, timeZone: string): number {
	return offsetOf(ms, timeZone);
}

/** The local day number of a time (Unix ms) in a zone; NaN for a time that is not a number. */
export function dayNumberAt(ms: number, timeZone: string): DayNumber {
	if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return Number.NaN;
	return Math.floor((ms + offsetOf(ms, timeZone)) / DAY_MS);
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** Day strings already made (a plan names the same few hundred days tens of thousands of times). */
const dayStrings = new Map<DayNumber, string>();

/** 'YYYY-MM-DD' of a day number (years 0–9999; '' outside them or for NaN). */
export function dayString(day: DayNumber): string {
	if (!Number.isFinite(day)) return '';
	let text = dayStrings.get(day);
	if (text === undefined) {
		text = dayStringOf(day);
		if (dayStrings.size > 100_000) dayStrings.clear();
		dayStrings.set(day, text);
	}
	return text;
}

function dayStringOf(day: DayNumber): string {
	const { year, month, date } = calendarOf(day);
	if (year < 0 || year > 9999) return '';
	return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(date)}`;
}

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day number of 'YYYY-MM-DD'; NaN when it is not a real date. */
export function dayNumberOf(day: string): DayNumber {
	const match = DAY_PATTERN.exec(day);
	if (!match) return Number.NaN;
	const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
	if (month < 1 || month > 12 || date < 1 || date > daysInMonth(year, month)) return Number.NaN;
	return daysFromCivil(year, month, date);
}

/** The local date ('YYYY-MM-DD') of a time in a zone ('' for an invalid time). */
export function localDay(ms: number, timeZone: string): string {
	return dayString(dayNumberAt(ms, timeZone));
}

/** Two ASCII digits at `at` as a number (NaN when they are not digits). */
function twoDigits(iso: string, at: number): number {
	const tens = iso.charCodeAt(at) - 48;
	const ones = iso.charCodeAt(at + 1) - 48;
	return tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9 ? tens * 10 + ones : Number.NaN;
}

/** The UTC day number of the 'YYYY-MM-DD' that starts an ISO time, read by hand (NaN if none). */
function isoDay(iso: string): DayNumber {
	const year = twoDigits(iso, 0) * 100 + twoDigits(iso, 2);
	const month = twoDigits(iso, 5);
	const date = twoDigits(iso, 8);
	if (iso.charCodeAt(4) !== 45 || iso.charCodeAt(7) !== 45 || Number.isNaN(year)) {
		return Number.NaN;
	}
	if (!(month >= 1 && month <= 12 && date >= 1 && date <= daysInMonth(year, month))) {
		return Number.NaN;
	}
	return daysFromCivil(year, month, date);
}

/**
 * Unix ms of an ISO time. The shape records store (`2026-05-01T09:30:00.000Z`) is read by hand
 * (a plan reads tens of thousands, and Date.parse is the slow part); any other is Date.parse's.
 */
export function isoTime(iso: string): number {
	if (iso.length !== 24 || iso.charCodeAt(10) !== 84 || iso.charCodeAt(23) !== 90) {
		return iso ? Date.parse(iso) : Number.NaN;
	}
	const lastDigit = iso.charCodeAt(22) - 48;
	const ms = twoDigits(iso, 20) * 10 + (lastDigit >= 0 && lastDigit <= 9 ? lastDigit : Number.NaN);
	const time =
		twoDigits(iso, 11) * 3_600_000 + twoDigits(iso, 14) * 60_000 + twoDigits(iso, 17) * 1000;
	return isoDay(iso) * DAY_MS + time + ms;
}

/**
 * Unix ms of an ISO time in the shape records store (`2026-05-01T09:30:00.000Z`) with every field
 * in range, else NaN. Between two such times the number order is exactly their text order.
 */
export function canonicalTime(iso: string): number {
	if (iso.length !== 24 || iso.charCodeAt(10) !== 84 || iso.charCodeAt(23) !== 90) {
		return Number.NaN;
	}
	const hour = twoDigits(iso, 11);
	const minute = twoDigits(iso, 14);
	const second = twoDigits(iso, 17);
	if (!(hour <= 23 && minute <= 59 && second <= 59)) return Number.NaN;
	if (iso.charCodeAt(13) !== 58 || iso.charCodeAt(16) !== 58 || iso.charCodeAt(19) !== 46) {
		return Number.NaN;
	}
	// isoTime's reading, its fields read once (a plan reads one per interaction).
	const lastDigit = iso.charCodeAt(22) - 48;
	const ms = twoDigits(iso, 20) * 10 + (lastDigit >= 0 && lastDigit <= 9 ? lastDigit : Number.NaN);
	return isoDay(iso) * DAY_MS + (hour * 3_600_000 + minute * 60_000 + second * 1000) + ms;
}

/** The local day number of an ISO time in a zone; NaN when it is empty or not a date. */
export function dayNumberOfIso(iso: string, timeZone: string): DayNumber {
	return dayNumberAt(isoTime(iso), timeZone);
}

/** The date n calendar days after `day` (before, for negative n); '' for an invalid day. */
export function addDays(day: string, n: number): string {
	return dayString(dayNumberOf(day) + Math.trunc(n));
}

/** Calendar days from a to b (positive when b is later); NaN when either is not a date. */
export function daysBetween(a: string, b: string): number {
	return dayNumberOf(b) - dayNumberOf(a);
}

/** The day number of a calendar date; a 29 February in a common year is its 28 February. */
export function dayNumberFromCalendar(year: number, month: number, date: number): DayNumber {
	return daysFromCivil(year, month, Math.min(date, daysInMonth(year, month)));
}

function unit(n: number, word: string): string {
	return `${n} ${word}${n === 1 ? '' : 's'} ago`;
}

/**
 * How long ago a day was, seen from today, in the words of a why: "today", "yesterday",
 * "2 days ago", "3 weeks ago", "4 months ago", "2 years ago". A day after today is "today"
 * (a clock that ran ahead), an invalid one ''.
 */
export function daysAgoWords(elapsedDays: number): string {
	if (Number.isNaN(elapsedDays)) return '';
	if (elapsedDays <= 0) return 'today';
	if (elapsedDays === 1) return 'yesterday';
	if (elapsedDays < 7) return unit(elapsedDays, 'day');
	if (elapsedDays < 30) return unit(Math.floor(elapsedDays / 7), 'week');
	if (elapsedDays < 365) return unit(Math.floor(elapsedDays / 30), 'month');
	return unit(Math.floor(elapsedDays / 365), 'year');
}

/** daysAgoWords between two local dates ('YYYY-MM-DD'). */
export function relativeDayWords(day: string, today: string): string {
	return daysAgoWords(daysBetween(day, today));
}

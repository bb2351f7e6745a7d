// My upcoming follow-ups as an iCalendar file (RFC 5545), one VEVENT per prompt of the engine.
// Invariants:
// - a prompt's UID is a pure function of its id (`<id, percent-encoded beyond [A-Za-z0-9._:-]>@tend`):
//   the engine's ids are stable, so importing a later export updates an event, never duplicates it;
//   one file holds each UID once (the first prompt with an id wins);
// - times are in UTC: an event starts at 09:00 (by default) of its planned day in the device's time
//   zone, converted to UTC and written with `Z`, and lasts 15 minutes (at least one); DTSTAMP is `now` in UTC. So
//   every calendar shows it at the same instant, wherever it is opened, with no VTIMEZONE needed;
// - each event has a DISPLAY alarm (15 minutes before, by default) and is TRANSPARENT (a reminder,
//   not a meeting: it never makes me look busy);
// - the text is CRLF-terminated, folded at 75 octets without splitting a UTF-8 character or an
//   escape, and every TEXT value is escaped (\\ \; \, \n) with no raw line break of any kind
//   (escaping and folding are vcard.ts's, whose rules are RFC 5545's too);
// - a URL (optional, from the caller) is written only when it is https and passes isSafeUrl.
import { isSafeUrl } from './card';
import { datedFileName } from './export-file-names';
import { dayNumberOf, zoneOffset } from './follow-ups/dates';
import type { Prompt } from './follow-ups/types';
import { escapeText, foldLine } from './vcard';

/** The MIME type of an .ics file (RFC 5545 §8.1). */
export const ICS_MIME = 'text/calendar';

export interface FollowUpsIcsOptions {
	/** The words of a prompt's title, as the Follow-ups screen says them ("Thank Ann"). */
	titleOf: (prompt: Prompt) => string;
	/** Unix milliseconds: the DTSTAMP of every event. */
	now: number;
	/** The device's IANA zone: the planned day's start time is local there. */
	timeZone: string;
	/** The local time of day an event starts (09:00 unless told). */
	startsAt?: { hour: number; minute: number };
	/** How long an event lasts, in minutes (15 unless told). */
	durationMinutes?: number;
	/** How long before its start the alarm rings, in minutes (15 unless told; 0 at the start). */
	alarmMinutesBefore?: number;
	/** A link to the prompt in the app (https only; anything else is left out). */
	urlOf?: (prompt: Prompt) => string;
}

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** An event longer or an alarm earlier than a day is a mistake: they are clamped to one. */
const MAX_MINUTES = 24 * 60;
/** What may not stand raw in a uri value: controls and every line break. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const URL_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** The engine's ids are made of these (kind, connection ids, days, base-36 hashes). */
const PLAIN_ID = /^[A-Za-z0-9._:-]+$/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The UID of a prompt's event: its id, percent-encoded beyond a plain set, then `@tend`. */
export function followUpUid(promptId: string): string {
	if (PLAIN_ID.test(promptId)) return `${promptId}@tend`;
	const encoded = Array.from(promptId.replace(LONE_SURROGATE, '\uFFFD'), (c) =>
		/[A-Za-z0-9._:-]/.test(c) ? c : encodeURIComponent(c)
	).join('');
	return `${encoded || 'follow-up'}@tend`;
}

/** `YYYYMMDDTHHMMSSZ`: a UTC DATE-TIME (RFC 5545 §3.3.5, form 2). */
function utcStamp(ms: number): string {
	const safe = Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? ms : 0;
	return new Date(Math.floor(safe / 1000) * 1000)
		.toISOString()
		.replace(/\.\d{3}Z$/, 'Z')
		.replace(/[-:]/g, '');
}

/** The UTC instant of a local wall time on a day ('YYYY-MM-DD') in a zone; NaN for no day. */
export function localTimeToUtc(day: string, minuteOfDay: number, timeZone: string): number {
	const dayNumber = dayNumberOf(day);
	if (Number.isNaN(dayNumber)) return Number.NaN;
	const wall = dayNumber * DAY_MS + minuteOfDay * MINUTE_MS;
	// The offset at the answer, found from the offset at the wall time read as UTC: two steps
	// settle it, a daylight-saving change on the day included.
	const guess = wall - zoneOffset(wall, timeZone);
	return wall - zoneOffset(guess, timeZone);
}

/** A whole number of minutes from `least` to a day, or the default. */
function minutes(value: number | undefined, fallback: number, least = 0): number {
	if (value === undefined || !Number.isFinite(value)) return fallback;
	return Math.min(MAX_MINUTES, Math.max(least, Math.round(value)));
}

/** DESCRIPTION: why the prompt is there, then the draft (its subject first, when it has one). */
function descriptionOf(prompt: Prompt): string {
	const parts: string[] = [];
	if (prompt.why.trim()) parts.push(prompt.why.trim());
	const subject = prompt.draft.subject.trim();
	const body = prompt.draft.body.trim();
	if (subject || body) {
		parts.push(['Draft:', subject ? `Subject: ${subject}` : '', body].filter(Boolean).join('\n'));
	}
	return parts.join('\n\n');
}

/** The content lines of one prompt's VEVENT, or none when it has no real day. */
function eventLines(prompt: Prompt, options: FollowUpsIcsOptions, stamp: string): string[] {
	const { hour, minute } = options.startsAt ?? { hour: 9, minute: 0 };
	const startMinute = minutes(hour * 60 + minute, 9 * 60) % MAX_MINUTES;
	const day = Number.isNaN(dayNumberOf(prompt.day)) ? prompt.due : prompt.day;
	const start = localTimeToUtc(day, startMinute, options.timeZone);
	if (Number.isNaN(start)) return [];
	const end = start + minutes(options.durationMinutes, 15, 1) * MINUTE_MS;
	const alarm = minutes(options.alarmMinutesBefore, 15);
	const summary = escapeText(options.titleOf(prompt).trim() || 'Follow up');
	const description = descriptionOf(prompt);
	const url = options.urlOf?.(prompt) ?? '';
	return [
		'BEGIN:VEVENT',
		`UID:${followUpUid(prompt.id)}`,
		`DTSTAMP:${stamp}`,
		`DTSTART:${utcStamp(start)}`,
		`DTEND:${utcStamp(end)}`,
		`SUMMARY:${summary}`,
		...(description ? [`DESCRIPTION:${escapeText(description, true)}`] : []),
		...(/^https:\/\//i.test(url) && isSafeUrl(url)
			? [`URL:${url.replace(URL_UNSAFE, encodeURIComponent)}`]
			: []),
		'TRANSP:TRANSPARENT',
		'BEGIN:VALARM',
		'ACTION:DISPLAY',
		`DESCRIPTION:${summary}`,
		alarm ? `TRIGGER:-PT${alarm}M` : 'TRIGGER:PT0M',
		'END:VALARM',
		'END:VEVENT'
	];
}

/** The follow-ups (the engine's open prompts, in planned order) as one iCalendar text. */
export function followUpsToIcs(prompts: Iterable<Prompt>, options: FollowUpsIcsOptions): string {
	const stamp = utcStamp(options.now);
	const lines = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		'PRODID:-//Tend//Follow-ups//EN',
		'CALSCALE:GREGORIAN',
		'METHOD:PUBLISH',
		'X-WR-CALNAME:Tend follow-ups'
	];
	const seen = new Set<string>();
	for (const prompt of prompts) {
		if (seen.has(prompt.id)) continue;
		seen.add(prompt.id);
		lines.push(...eventLines(prompt, options, stamp));
	}
	lines.push('END:VCALENDAR');
	return lines.map(foldLine).join('\r\n') + '\r\n';
}

/** The file name of the calendar: `tend-follow-ups-YYYY-MM-DD.ics` (the local day). */
export function followUpsFileName(now: number, timeZone = 'UTC'): string {
	return datedFileName('tend-follow-ups', 'ics', now, timeZone);
}

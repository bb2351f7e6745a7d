// What a person types about an event they organise (its name, its start and end as wall times in
// the event's own time zone, its place and that zone) and what is stored (UTC ISO times).
// Invariants: nothing throws; a stored time is '' or an ISO string; a wall time read back from a
// stored time in the same zone is the wall time typed (on a DST gap, the next valid time).
import { zoneOffset } from './follow-ups/dates';

export const EVENT_LIMITS = { name: 120, place: 200, timeZone: 64 } as const;

export interface EventDraft {
	name: string;
	/** Wall times in `timeZone`, as a datetime-local input gives them ('YYYY-MM-DDTHH:MM'), or ''. */
	starts: string;
	ends: string;
	place: string;
	timeZone: string;
}

export type EventDraftField = keyof EventDraft;
export type EventDraftProblems = Partial<Record<EventDraftField, string>>;

/** The fields the server stores for an event (what a create or an edit sends). */
export interface EventBody {
	name: string;
	startsAt: string;
	endsAt: string;
	place: string;
	timeZone: string;
}

const WALL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** True for a time zone this browser knows (an IANA name such as Europe/Berlin). */
export function isKnownZone(timeZone: string): boolean {
	if (!timeZone || timeZone.length > EVENT_LIMITS.timeZone) return false;
	try {
		new Intl.DateTimeFormat('en-US', { timeZone });
		return true;
	} catch {
		return false;
	}
}

/** The UTC ISO time of a wall time in a zone; '' when either is not valid. */
export function wallTimeToIso(wall: string, timeZone: string): string {
	const match = WALL.exec(wall.trim());
	if (!match || !isKnownZone(timeZone)) return '';
	const [year, month, day, hour, minute] = match.slice(1, 6).map(Number) as [
		number,
		number,
		number,
		number,
		number
	];
	const second = match[6] ? Number(match[6]) : 0;
	const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
	const check = new Date(asUtc);
	if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23) return '';
	// The offset at the guess, then at the time it gives: right on both sides of a DST change.
	let ms = asUtc - zoneOffset(asUtc, timeZone);
	ms = asUtc - zoneOffset(ms, timeZone);
	return Number.isFinite(ms) ? new Date(ms).toISOString() : '';
}

/** The wall time ('YYYY-MM-DDTHH:MM') of a stored time in a zone; '' for no time. */
export function isoToWallTime(iso: string, timeZone: string): string {
	const ms = Date.parse(iso);
	if (!iso || Number.isNaN(ms)) return '';
	const zone = isKnownZone(timeZone) ? timeZone : 'UTC';
	return new Date(ms + zoneOffset(ms, zone)).toISOString().slice(0, 16);
}

/** What the form shows for an event (a new one: empty, in the device's zone). */
export function draftOf(
	event: { name: string; startsAt: string; endsAt: string; place: string; timeZone: string } | null,
	deviceZone: string
): EventDraft {
	const timeZone = event && isKnownZone(event.timeZone) ? event.timeZone : deviceZone;
	return {
		name: event?.name ?? '',
		starts: event ? isoToWallTime(event.startsAt, timeZone) : '',
		ends: event ? isoToWallTime(event.endsAt, timeZone) : '',
		place: event?.place ?? '',
		timeZone
	};
}

/** What is wrong with a draft, a sentence per field; empty when it can be saved. */
export function eventDraftProblems(draft: EventDraft): EventDraftProblems {
	const problems: EventDraftProblems = {};
	const name = draft.name.trim();
	if (!name) problems.name = 'Give the event a name.';
	else if (name.length > EVENT_LIMITS.name) {
		problems.name = `At most ${EVENT_LIMITS.name} characters.`;
	}
	if (draft.place.trim().length > EVENT_LIMITS.place) {
		problems.place = `At most ${EVENT_LIMITS.place} characters.`;
	}
	if (!isKnownZone(draft.timeZone)) problems.timeZone = 'Choose a time zone from the list.';
	const starts = draft.starts ? wallTimeToIso(draft.starts, draft.timeZone) : '';
	const ends = draft.ends ? wallTimeToIso(draft.ends, draft.timeZone) : '';
	if (draft.starts && !starts && !problems.timeZone)
		problems.starts = 'That is not a date and time.';
	if (draft.ends && !ends && !problems.timeZone) problems.ends = 'That is not a date and time.';
	if (draft.ends && !draft.starts) problems.starts = 'Give the start too.';
	if (starts && ends && ends <= starts) problems.ends = 'The end must come after the start.';
	return problems;
}

/** The stored fields of a draft that has no problems. */
export function eventBody(draft: EventDraft): EventBody {
	return {
		name: draft.name.trim(),
		startsAt: draft.starts ? wallTimeToIso(draft.starts, draft.timeZone) : '',
		endsAt: draft.ends ? wallTimeToIso(draft.ends, draft.timeZone) : '',
		place: draft.place.trim(),
		timeZone: draft.timeZone
	};
}

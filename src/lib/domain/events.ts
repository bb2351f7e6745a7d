// Events on the device: when one runs, which one is current, and what I did there. Pure: times
// are Unix ms passed in, zones are IANA names, and nothing throws (an unknown zone is the device's,
// an unknown device zone UTC; a date that is not one makes an event that never runs).
// An event runs from its start (inclusive) to its end (exclusive). With no end, or an end that is
// not after its start, it runs until the end of its start's local day, in the event's zone (the
// device's when the event names none): an evening meetup entered with a start only is current
// until midnight where it happens, whatever the zone of the phone. With no start it never runs.
import { dayNumberAt, deviceTimeZone, isoTime } from './follow-ups/dates';
import type { Connection, EventRecord, Interaction } from './records';

export { deviceTimeZone };

const zoneChecks = new Map<string, boolean>();

/** True for a zone name Intl knows (`Europe/Berlin`); '' and unknown names are not. */
export function isTimeZone(name: string): boolean {
	if (name === '') return false;
	let isKnown = zoneChecks.get(name);
	if (isKnown === undefined) {
		try {
			new Intl.DateTimeFormat('en-US', { timeZone: name });
			isKnown = true;
		} catch {
			isKnown = false;
		}
		if (zoneChecks.size > 1000) zoneChecks.clear();
		zoneChecks.set(name, isKnown);
	}
	return isKnown;
}

/** The zone an event's times are told in: its own, else the device's, else UTC. */
export function eventZone(event: Pick<EventRecord, 'timeZone'>, deviceZone: string): string {
	if (isTimeZone(event.timeZone)) return event.timeZone;
	return isTimeZone(deviceZone) ? deviceZone : 'UTC';
}

/** When an event runs, in Unix ms: from `start` (inclusive) to `end` (exclusive). */
export interface EventSpan {
	start: number;
	end: number;
	/** False when the end is the end of the start's local day (the event gave none we could use). */
	hasEnd: boolean;
}

/**
 * The first instant after `ms` that falls on a later local day in the zone: the next local
 * midnight, found by halving to the second (23 or 25 hours away on a daylight-saving day).
 */
export function nextLocalMidnight(ms: number, timeZone: string): number {
	const day = dayNumberAt(ms, timeZone);
	let before = Math.floor(ms / 1000);
	// Two days on, the local day is later in every zone (no offset changes by a day at once).
	let after = before + 2 * 86_400;
	while (after - before > 1) {
		const mid = Math.floor((before + after) / 2);
		if (dayNumberAt(mid * 1000, timeZone) > day) after = mid;
		else before = mid;
	}
	return after * 1000;
}

/** When an event runs (see the header), or null when it has no start. */
export function eventSpan(
	event: Pick<EventRecord, 'startsAt' | 'endsAt' | 'timeZone'>,
	deviceZone: string = deviceTimeZone()
): EventSpan | null {
	const start = isoTime(event.startsAt);
	if (!Number.isFinite(start)) return null;
	const end = isoTime(event.endsAt);
	if (Number.isFinite(end) && end > start) return { start, end, hasEnd: true };
	return { start, end: nextLocalMidnight(start, eventZone(event, deviceZone)), hasEnd: false };
}

/** True while the event runs by this clock: start ≤ now < end (see the header for no end). */
export function isRunning(
	event: Pick<EventRecord, 'startsAt' | 'endsAt' | 'timeZone'>,
	nowMs: number,
	deviceZone: string = deviceTimeZone()
): boolean {
	const span = eventSpan(event, deviceZone);
	return span !== null && span.start <= nowMs && nowMs < span.end;
}

/**
 * The current event: the one I picked while it is still among those I joined; else the one
 * running now (of several, the one that started last, then the one ending first: the session
 * within the conference); else null.
 */
export function currentEvent(
	joined: readonly EventRecord[],
	picked: string | null,
	nowMs: number,
	deviceZone: string = deviceTimeZone()
): EventRecord | null {
	if (picked) {
		const pick = joined.find((event) => event.id === picked);
		if (pick) return pick;
	}
	let best: { event: EventRecord; span: EventSpan } | null = null;
	for (const event of joined) {
		const span = eventSpan(event, deviceZone);
		if (!span || !(span.start <= nowMs && nowMs < span.end)) continue;
		if (
			!best ||
			span.start > best.span.start ||
			(span.start === best.span.start &&
				(span.end < best.span.end || (span.end === best.span.end && event.id < best.event.id)))
		) {
			best = { event, span };
		}
	}
	return best?.event ?? null;
}

/** True when I organise this event: the server shows `organiser` to the organiser only. */
export function isOrganiserOf(event: Pick<EventRecord, 'organiser'>, myId: string): boolean {
	return myId !== '' && event.organiser === myId;
}

/** What I did at an event: the people filed under it, their memory notes, who I followed up. */
export interface EventSummary {
	/** People I met there and have not forgotten. */
	people: number;
	/** Of those, the ones with a memory note. */
	notes: number;
	/** Of those, the ones I logged anything with but a meeting or a note, at or after we met. */
	followedUp: number;
}

/** Interactions that are no follow-up: the swap's `met`, and notes I write for myself. */
const NOT_A_FOLLOW_UP = new Set<Interaction['kind']>(['met', 'note']);

/**
 * Counts what I did at an event from my connections filed under it (forgotten ones left out,
 * archived ones kept: I still met them there) and my interactions (tombstones left out).
 */
export function eventSummary(
	eventId: string,
	connections: readonly Connection[],
	interactions: readonly Interaction[]
): EventSummary {
	if (eventId === '') return { people: 0, notes: 0, followedUp: 0 };
	// The people filed under the event, by id, with when I met them.
	const metAt = new Map<string, number>();
	let notes = 0;
	for (const connection of connections) {
		if (connection.event !== eventId || connection.deleted !== '') continue;
		const met = isoTime(connection.metAt);
		metAt.set(connection.id, Number.isFinite(met) ? met : Number.NEGATIVE_INFINITY);
		if (connection.memoryNote.trim() !== '') notes++;
	}
	const followedUp = new Set<string>();
	for (const interaction of interactions) {
		if (interaction.deleted !== '' || NOT_A_FOLLOW_UP.has(interaction.kind)) continue;
		const at = isoTime(interaction.at);
		for (const person of interaction.people) {
			const met = metAt.get(person);
			if (met !== undefined && at >= met) followedUp.add(person);
		}
	}
	return { people: metAt.size, notes, followedUp: followedUp.size };
}

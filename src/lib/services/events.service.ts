// Events I organise or joined: creating and editing one, closing joining, joining by code,
// leaving, filing a person under an event, and an organiser's totals. Every change is a local
// write with its outbox entry (it works offline and goes through once, when online); only the
// totals need the server, and are never kept on the device.
import type { EventRecord } from '$lib/domain/records';
import { eventBody, type EventDraft } from '$lib/domain/event-fields';
import { parseTotals, type EventTotals } from '$lib/domain/event-words';
import { listOutbox } from '$lib/offline/outbox';
import { newRecordId } from '$lib/offline/record-id';
import type { OutboxEntry } from '$lib/offline/schema';
import { attempt, type Result } from '$lib/pocketbase/errors';
import { pb } from '$lib/pocketbase/client';
import type { LocalSession } from './local-session';

/** Creates an event I organise; its join code comes from the server once it is sent. */
export async function createEvent(session: LocalSession, draft: EventDraft): Promise<string> {
	const id = newRecordId();
	const body = eventBody(draft);
	await session.write({
		action: 'create',
		collection: 'events',
		record: { id, ...body, joinCode: '', joiningClosed: false, organiser: session.userId },
		body: { id, ...body }
	});
	return id;
}

/** Saves an edit of an event I organise. */
export async function updateEvent(
	session: LocalSession,
	event: EventRecord,
	draft: EventDraft
): Promise<void> {
	const body = eventBody(draft);
	await session.write({
		action: 'update',
		collection: 'events',
		record: { ...event, ...body },
		body: { ...body }
	});
}

/** Closes (or opens again) joining an event I organise. */
export async function setJoiningClosed(
	session: LocalSession,
	event: EventRecord,
	isClosed: boolean
): Promise<void> {
	await session.write({
		action: 'update',
		collection: 'events',
		record: { ...event, joiningClosed: isClosed },
		body: { joiningClosed: isClosed }
	});
}

/** Queues joining by a code (already normalised); it goes through when online. */
export async function joinEvent(session: LocalSession, code: string): Promise<void> {
	await session.write({ action: 'join', id: newRecordId(), code });
}

/**
 * Joins by a code (already normalised) unless this device already did: an event with that code
 * is here, or a join with it is waiting. Scanning a poster twice, or opening its link again,
 * queues nothing more.
 */
export async function joinOnce(
	session: LocalSession,
	code: string
): Promise<'joined' | 'waiting' | 'queued'> {
	const events = await session.db.getAll('events');
	if (events.some((e) => e.joinCode === code && !e.deleted)) return 'joined';
	if ((await listPendingJoins(session)).some((j) => j.code === code && !j.problem)) {
		return 'waiting';
	}
	await joinEvent(session, code);
	return 'queued';
}

/** Leaves an event: it goes from the device at once, from the server when online. */
export async function leaveEvent(session: LocalSession, eventId: string): Promise<void> {
	await session.write({ action: 'leave', eventId });
}

/** A join still waiting to be sent, or refused (with why). */
export interface PendingJoin {
	seq: number;
	code: string;
	/** Why the server refused it (null while it waits). */
	problem: string | null;
}

const JOIN_PROBLEMS: Record<string, string> = {
	not_found: 'No event has this code. Check it with the organiser.',
	closed: 'Joining this event is closed.',
	invalid: 'This is not a join code.',
	rate_limited: 'Too many tries: wait a while before the next one.'
};

/** The words for a join the server refused. */
export function joinProblem(entry: Pick<OutboxEntry, 'error'>): string {
	const code = entry.error?.code ?? '';
	return JOIN_PROBLEMS[code] ?? entry.error?.message ?? 'The server refused this code.';
}

/** The joins on this device that have not gone through yet, oldest first. */
export async function listPendingJoins(session: LocalSession): Promise<PendingJoin[]> {
	const entries = await listOutbox(session.db);
	return entries
		.filter((e) => e.action === 'join')
		.map((e) => ({
			seq: e.seq,
			code: typeof e.body.code === 'string' ? e.body.code : '',
			problem: e.status === 'failed' ? joinProblem(e) : null
		}));
}

/** The totals of an event I organise (online only: they are the server's, never kept). */
export async function loadTotals(eventId: string): Promise<Result<EventTotals>> {
	const result = await attempt(() =>
		pb.send<unknown>(`/api/tend/events/${encodeURIComponent(eventId)}/totals`, {
			requestKey: null
		})
	);
	return result.ok ? { ok: true, value: parseTotals(result.value) } : result;
}

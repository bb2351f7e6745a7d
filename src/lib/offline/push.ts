// Pushing the outbox. Invariant: entries are sent oldest first; an entry is retired only after
// the server confirmed it (or confirmed it already had it), so a lost reply or a closed tab only
// ever causes a replay, never a loss. Replays are harmless: creates carry the client id (a
// second create answers "not unique" and counts as done once the record is seen on the server),
// updates carry whole field values, deletes of a missing record are done.
import type PocketBase from 'pocketbase';
import { ClientResponseError } from 'pocketbase';
import {
	adoptSwapConnection,
	countAttempt,
	listOutbox,
	markFailed,
	retireEntries,
	type ServerCopy
} from './outbox';
import type { LocalDb } from './local-store';
import type { CollectionName, OutboxEntry, StoredRecord, SyncError } from './schema';
import { errorFromThrown, failedBatchItem, isTransient } from './sync-errors';

export const MAX_BATCH = 100;

/**
 * Collections whose creates the server answers as upserts when the id is already the user's
 * (pb_hooks/lib/decisions.js): a replayed create is simply sent again, never settled by a look-up,
 * since the record found may be another device's decision, which this one must overwrite.
 */
const UPSERTED_CREATES: ReadonlySet<string> = new Set(['decisions']);

export interface PushContext {
	db: LocalDb;
	pb: PocketBase;
	timeoutMs: number;
	maxBatch?: number;
}

/** How a push ended: the queue is drained (up to refused items), or the run had to stop. */
export type PushOutcome =
	| { kind: 'drained'; sent: number; changed: CollectionName[] }
	| { kind: 'stopped'; error: SyncError; changed: CollectionName[] };

/** Entries sent one at a time through a Tend route, never in a batch. */
function isRouteAction(action: OutboxEntry['action']): boolean {
	return action === 'swap' || action === 'join' || action === 'leave';
}

/** The next entries to send together: one route call, or up to max consecutive record changes. */
export function nextGroup(entries: OutboxEntry[], max: number): OutboxEntry[] {
	const held = new Set<string>();
	const group: OutboxEntry[] = [];
	for (const entry of entries) {
		if (entry.status === 'failed' || held.has(entry.recordKey)) {
			held.add(entry.recordKey); // later changes to a refused record wait for it
			continue;
		}
		if (isRouteAction(entry.action)) {
			if (group.length === 0) group.push(entry);
			return group;
		}
		group.push(entry);
		if (group.length >= max) return group;
	}
	return group;
}

/** Sends the outbox until it is drained or a run-stopping error occurs. */
export async function pushOutbox(ctx: PushContext): Promise<PushOutcome> {
	const auth = new AuthCheck(ctx);
	// Collections a route's answer wrote locally (a joined event): the screens re-read them.
	const changed = new Set<CollectionName>();
	let sent = 0;
	for (;;) {
		const group = nextGroup(await listOutbox(ctx.db), ctx.maxBatch ?? MAX_BATCH);
		const first = group[0];
		if (!first) return { kind: 'drained', sent, changed: [...changed] };
		const stop =
			first.action === 'swap'
				? await pushSwap(ctx, auth, first)
				: first.action === 'join' || first.action === 'leave'
					? await pushMembership(ctx, first, changed)
					: await pushBatch(ctx, auth, group);
		if (stop) return { kind: 'stopped', error: stop, changed: [...changed] };
		sent += group.length;
	}
}

/** Confirms at most once per run whether the session is still accepted by the server. */
class AuthCheck {
	#result: Promise<SyncError | null> | undefined;
	constructor(private readonly ctx: PushContext) {}

	/** null when the session is fine; otherwise why it is not (or why we could not tell). */
	confirm(): Promise<SyncError | null> {
		this.#result ??= this.#refresh();
		return this.#result;
	}

	async #refresh(): Promise<SyncError | null> {
		const { pb, timeoutMs } = this.ctx;
		const collection = pb.authStore.record?.collectionName ?? 'users';
		try {
			await pb
				.collection(collection)
				.authRefresh({ requestKey: null, signal: AbortSignal.timeout(timeoutMs) });
			return null;
		} catch (thrown) {
			const error = errorFromThrown(thrown);
			if (error.reason === 'forbidden') return { ...error, reason: 'unauthorized' };
			return error;
		}
	}
}

/** A refusal that may only be a sign of an expired session (PocketBase answers those as a guest). */
function mayBeAuth(entry: OutboxEntry, error: SyncError): boolean {
	if (error.reason === 'unauthorized' || error.reason === 'forbidden') return true;
	if (error.reason === 'not_found') return true;
	return entry.action === 'create' && error.reason === 'invalid' && !error.fields;
}

/**
 * Settles the creates of `group` that an earlier attempt may have applied (its reply was lost:
 * a timeout, a dropped connection, a page closed or reloaded mid-request): the ones the server
 * already has are retired with its copy, so the batch does not fail on "not unique" (a 400 the
 * whole batch would roll back for). One list request per collection, only for such replays.
 * Returns the entries still to send, or the error that stops the run.
 */
async function settleReplayedCreates(
	ctx: PushContext,
	group: OutboxEntry[]
): Promise<OutboxEntry[] | SyncError> {
	const replayed = new Map<string, OutboxEntry[]>();
	for (const entry of group) {
		if (entry.action !== 'create' || entry.attempts === 0) continue;
		if (UPSERTED_CREATES.has(entry.collection)) continue;
		const list = replayed.get(entry.collection) ?? [];
		list.push(entry);
		replayed.set(entry.collection, list);
	}
	if (replayed.size === 0) return group;
	const settled = new Set<number>();
	for (const [collection, entries] of replayed) {
		const params = Object.fromEntries(entries.map((e, i) => [`id${i}`, e.recordId]));
		const filter = ctx.pb.filter(entries.map((_, i) => `id = {:id${i}}`).join(' || '), params);
		let found: StoredRecord[];
		try {
			const page = await ctx.pb.collection(collection).getList<StoredRecord>(1, entries.length, {
				filter,
				skipTotal: true,
				requestKey: null,
				signal: AbortSignal.timeout(ctx.timeoutMs)
			});
			found = page.items;
		} catch (thrown) {
			return errorFromThrown(thrown);
		}
		for (const record of found) {
			const entry = entries.find((e) => e.recordId === record.id);
			if (!entry) continue;
			await retireEntries(ctx.db, [entry.seq], serverCopy(entry, record));
			settled.add(entry.seq);
		}
	}
	return group.filter((e) => !settled.has(e.seq));
}

async function pushBatch(
	ctx: PushContext,
	auth: AuthCheck,
	all: OutboxEntry[]
): Promise<SyncError | undefined> {
	const pending = await settleReplayedCreates(ctx, all);
	if (!Array.isArray(pending)) return stopError(auth, pending);
	const group = pending;
	if (group.length === 0) return undefined;
	const batch = ctx.pb.createBatch();
	for (const entry of group) {
		const target = batch.collection(entry.collection);
		if (entry.action === 'create') target.create(entry.body);
		else if (entry.action === 'update') target.update(entry.recordId, entry.body);
		else target.delete(entry.recordId);
	}
	await countAttempt(
		ctx.db,
		group.map((e) => e.seq)
	);
	try {
		const results = await batch.send({
			requestKey: null,
			signal: AbortSignal.timeout(ctx.timeoutMs)
		});
		await retireEntries(
			ctx.db,
			group.map((e) => e.seq),
			finalCopies(group, results)
		);
		return undefined;
	} catch (thrown) {
		const failed = failedBatchItem(thrown);
		const entry = failed ? group[failed.index] : undefined;
		// The batch rolled back as a whole: settle the named entry, the others are sent again.
		if (failed && entry) return settleRefusal(ctx, auth, entry, failed.error);
		return stopError(auth, errorFromThrown(thrown));
	}
}

async function stopError(auth: AuthCheck, error: SyncError): Promise<SyncError> {
	if (error.reason !== 'unauthorized' && error.reason !== 'forbidden') return error;
	return (await auth.confirm()) ?? { ...error, reason: 'server' };
}

/** Decides what a refused entry means: done after all, kept as failed, or a reason to stop. */
async function settleRefusal(
	ctx: PushContext,
	auth: AuthCheck,
	entry: OutboxEntry,
	error: SyncError
): Promise<SyncError | undefined> {
	if (isTransient(error)) return error;
	if (mayBeAuth(entry, error)) {
		const authError = await auth.confirm();
		if (authError) return authError;
	}
	if (error.reason === 'not_found' && (await isDeletedLater(ctx.db, entry))) {
		// A delete of this record is queued after it (perhaps already applied by an attempt whose
		// reply was lost): whatever the update said, the record ends deleted.
		await retireEntries(ctx.db, [entry.seq]);
		return undefined;
	}
	if (entry.action === 'delete' && error.reason === 'not_found') {
		await retireEntries(ctx.db, [entry.seq]);
		return undefined;
	}
	if (entry.action === 'create' && error.reason === 'conflict') {
		const existing = await fetchRecord(ctx, entry.collection as CollectionName, entry.recordId);
		if (existing.kind === 'error') return existing.error;
		if (existing.kind === 'found') {
			// An earlier attempt reached the server and only its reply was lost.
			await retireEntries(ctx.db, [entry.seq], serverCopy(entry, existing.record));
			return undefined;
		}
	}
	await markFailed(ctx.db, entry.seq, error);
	return undefined;
}

async function isDeletedLater(db: LocalDb, entry: OutboxEntry): Promise<boolean> {
	const later = (await listOutbox(db)).filter((e) => e.seq > entry.seq);
	return later.some((e) => e.recordKey === entry.recordKey && e.action === 'delete');
}

type Fetched =
	| { kind: 'found'; record: StoredRecord }
	| { kind: 'missing' }
	| { kind: 'error'; error: SyncError };

async function fetchRecord(
	ctx: PushContext,
	collection: CollectionName,
	id: string
): Promise<Fetched> {
	try {
		const record = await ctx.pb
			.collection(collection)
			.getOne<StoredRecord>(id, { requestKey: null, signal: AbortSignal.timeout(ctx.timeoutMs) });
		return { kind: 'found', record };
	} catch (thrown) {
		const error = errorFromThrown(thrown);
		return error.reason === 'not_found' ? { kind: 'missing' } : { kind: 'error', error };
	}
}

function serverCopy(entry: OutboxEntry, body: unknown): ServerCopy[] {
	if (entry.action === 'delete' || entry.collection === 'swaps' || entry.collection === 'joins') {
		return [];
	}
	if (!isRecord(body)) return [];
	return [{ collection: entry.collection, record: body }];
}

/** The server's copy of each record as the batch left it (none when the batch deleted it). */
function finalCopies(group: OutboxEntry[], results: { body?: unknown }[]): ServerCopy[] {
	const byKey = new Map<string, ServerCopy | null>();
	group.forEach((entry, i) => {
		byKey.set(entry.recordKey, serverCopy(entry, results[i]?.body)[0] ?? null);
	});
	return [...byKey.values()].filter((copy) => copy !== null);
}

function isRecord(value: unknown): value is StoredRecord {
	return (
		typeof value === 'object' && value !== null && 'id' in value && typeof value.id === 'string'
	);
}

interface SwapResponse {
	connection?: unknown;
}

async function pushSwap(
	ctx: PushContext,
	auth: AuthCheck,
	entry: OutboxEntry
): Promise<SyncError | undefined> {
	await countAttempt(ctx.db, [entry.seq]);
	try {
		const response = await ctx.pb.send<SwapResponse>('/api/tend/swaps', {
			method: 'POST',
			body: entry.body,
			requestKey: null,
			signal: AbortSignal.timeout(ctx.timeoutMs)
		});
		const localId = String(entry.body.connectionId);
		if (isRecord(response.connection)) {
			await adoptSwapConnection(ctx.db, entry.seq, localId, response.connection);
		} else {
			await retireEntries(ctx.db, [entry.seq]);
		}
		return undefined;
	} catch (thrown) {
		const error = errorFromThrown(thrown);
		if (thrown instanceof ClientResponseError && error.reason === 'unauthorized') return error;
		if (isTransient(error)) return error;
		if (error.reason === 'forbidden') {
			const authError = await auth.confirm();
			if (authError) return authError;
		}
		await markFailed(ctx.db, entry.seq, error);
		return undefined;
	}
}

interface JoinResponse {
	event?: unknown;
}

/**
 * Joins or leaves an event through its route. A join answered with the event stores it (the
 * events pull would not bring it: it changed before the cursor); leaving an event I am no longer
 * a member of is done. Any other refusal (an unknown code, joining closed) is kept as failed,
 * with the server's reason, for the person to see.
 */
async function pushMembership(
	ctx: PushContext,
	entry: OutboxEntry,
	changed: Set<CollectionName>
): Promise<SyncError | undefined> {
	await countAttempt(ctx.db, [entry.seq]);
	const path = entry.action === 'join' ? '/api/tend/events/join' : '/api/tend/events/leave';
	try {
		const response = await ctx.pb.send<JoinResponse>(path, {
			method: 'POST',
			body: entry.body,
			requestKey: null,
			signal: AbortSignal.timeout(ctx.timeoutMs)
		});
		const event = response.event;
		if (entry.action === 'join' && isRecord(event)) {
			await retireEntries(ctx.db, [entry.seq], [{ collection: 'events', record: event }]);
			changed.add('events');
		} else {
			await retireEntries(ctx.db, [entry.seq]);
		}
		return undefined;
	} catch (thrown) {
		const error = errorFromThrown(thrown);
		if (error.reason === 'unauthorized' || isTransient(error)) return error;
		if (entry.action === 'leave' && error.reason === 'not_found') {
			await retireEntries(ctx.db, [entry.seq]);
			return undefined;
		}
		await markFailed(ctx.db, entry.seq, error);
		return undefined;
	}
}

// Outbox bookkeeping: reading the queue, retiring entries the server has, keeping refusals.
// Invariant: an entry leaves the outbox only when the server holds its change (or the user
// discards it); a refused entry stays, marked `failed` with the reason, and holds back later
// entries for the same record so per-record order is never broken.
import {
	ACKED_DAYS,
	STORE,
	recordKey,
	type AckedEntry,
	type CollectionName,
	type OutboxEntry,
	type StoredRecord,
	type SyncError
} from './schema';
import { hasOutboxEntries, getMeta, setMeta, type LocalDb } from './local-store';

/** The whole outbox in order (oldest first). */
export async function listOutbox(db: LocalDb): Promise<OutboxEntry[]> {
	return (await db.getAll(STORE.outbox)) as OutboxEntry[];
}

/**
 * How many changes wait, how many of them are new contacts (a pending swap, with the entries of
 * the contact it creates counted as part of it), and which changes the server refused.
 */
export async function outboxSummary(db: LocalDb): Promise<{
	pendingCount: number;
	pendingContacts: number;
	pendingChanges: number;
	failedItems: OutboxEntry[];
}> {
	const entries = await listOutbox(db);
	const pending = entries.filter((e) => e.status === 'pending');
	const newContacts = new Set(pending.filter((e) => e.action === 'swap').map((e) => e.recordKey));
	return {
		pendingCount: pending.length,
		pendingContacts: newContacts.size,
		pendingChanges: pending.filter((e) => !newContacts.has(e.recordKey)).length,
		failedItems: entries.filter((e) => e.status === 'failed')
	};
}

/** A server copy of a record to write back once its entry is retired. */
export interface ServerCopy {
	collection: CollectionName;
	record: StoredRecord;
}

/**
 * Retires entries the server now holds and, in the same transaction, stores the server's copy
 * of each record unless newer local changes for it are still queued.
 */
export async function retireEntries(
	db: LocalDb,
	seqs: number[],
	copies: ServerCopy[] = []
): Promise<void> {
	const stores = [STORE.outbox, STORE.acked, ...new Set(copies.map((c) => c.collection))];
	const tx = db.transaction(stores, 'readwrite');
	const now = new Date();
	const ackedAt = now.toISOString();
	for (const seq of seqs) {
		const entry = (await tx.objectStore(STORE.outbox).get(seq)) as OutboxEntry | undefined;
		if (!entry) continue;
		// kept for a resend after a restore (see resendAcknowledged)
		const { error: _error, ...kept } = entry;
		await tx.objectStore(STORE.acked).put({ ...kept, status: 'pending', ackedAt });
		await tx.objectStore(STORE.outbox).delete(seq);
	}
	const cutoff = new Date(now.getTime() - ACKED_DAYS * 86_400_000).toISOString();
	let old = await tx
		.objectStore(STORE.acked)
		.index('byAckedAt')
		.openCursor(IDBKeyRange.upperBound(cutoff, true));
	while (old) {
		await old.delete();
		old = await old.continue();
	}
	for (const { collection, record } of copies) {
		if (await hasOutboxEntries(tx, recordKey(collection, record.id))) continue;
		await tx.objectStore(collection).put(record);
	}
	await tx.done;
}

/**
 * Puts every change the server acknowledged in the last ACKED_DAYS back in the outbox, in its
 * original place (same seq, so before anything queued since), after the server was restored from
 * a backup and may have lost them. Each counts as already attempted, so a create the server still
 * has is found by a look rather than refused as "not unique". Resolves with how many came back.
 */
export async function resendAcknowledged(db: LocalDb): Promise<number> {
	const tx = db.transaction([STORE.outbox, STORE.acked], 'readwrite');
	const acked = (await tx.objectStore(STORE.acked).getAll()) as AckedEntry[];
	let count = 0;
	for (const { ackedAt: _ackedAt, ...entry } of acked) {
		if (await tx.objectStore(STORE.outbox).get(entry.seq)) continue;
		await tx.objectStore(STORE.outbox).put({ ...entry, attempts: Math.max(1, entry.attempts) });
		count++;
	}
	await tx.objectStore(STORE.acked).clear();
	await tx.done;
	return count;
}

/** Marks an entry refused, keeping it (and why) for the user to retry or discard. */
export async function markFailed(db: LocalDb, seq: number, error: SyncError): Promise<void> {
	const tx = db.transaction(STORE.outbox, 'readwrite');
	const entry = (await tx.store.get(seq)) as OutboxEntry | undefined;
	if (entry)
		await tx.store.put({ ...entry, status: 'failed', error, attempts: entry.attempts + 1 });
	await tx.done;
}

/** Counts a send attempt on entries (for diagnostics). */
export async function countAttempt(db: LocalDb, seqs: number[]): Promise<void> {
	const tx = db.transaction(STORE.outbox, 'readwrite');
	for (const seq of seqs) {
		const entry = (await tx.store.get(seq)) as OutboxEntry | undefined;
		if (entry) await tx.store.put({ ...entry, attempts: entry.attempts + 1 });
	}
	await tx.done;
}

/** Puts a failed entry back in the queue, in its original place. */
export async function retryEntry(db: LocalDb, seq: number): Promise<boolean> {
	const tx = db.transaction(STORE.outbox, 'readwrite');
	const entry = (await tx.store.get(seq)) as OutboxEntry | undefined;
	const isFailed = entry?.status === 'failed';
	if (entry && isFailed) {
		const retried: OutboxEntry = { ...entry, status: 'pending' };
		delete retried.error;
		await tx.store.put(retried);
	}
	await tx.done;
	return isFailed;
}

const STALE_KEY = 'stale';

/** Records whose local copy must be replaced by the server's at the next sync (after a discard). */
export async function staleRecords(db: LocalDb): Promise<string[]> {
	return (await getMeta<string[]>(db, STALE_KEY)) ?? [];
}

/** Forgets stale marks once refetched. */
export async function clearStale(db: LocalDb, keys: string[]): Promise<void> {
	const remaining = (await staleRecords(db)).filter((k) => !keys.includes(k));
	await setMeta(db, STALE_KEY, remaining);
}

/**
 * Drops a failed entry. The local record is put back in line with the server (a refused join
 * wrote none):
 * - a refused create (or swap): the record never reached the server, so the local record and every
 *   later entry for it are removed too;
 * - a refused update or delete: later entries stay; the record is marked stale and replaced by the
 *   server's copy at the next sync (or removed there if the server has none).
 */
export async function discardEntry(db: LocalDb, seq: number): Promise<boolean> {
	const entries = await listOutbox(db);
	const entry = entries.find((e) => e.seq === seq);
	if (entry?.status !== 'failed') return false;
	if (entry.action === 'join') {
		// A refused join wrote nothing on the device: dropping it is all there is.
		await db.delete(STORE.outbox, seq);
		return true;
	}
	const [collection, id] = splitKey(entry.recordKey);
	const isNeverCreated = entry.action === 'create' || entry.action === 'swap';
	const tx = db.transaction([STORE.outbox, STORE.meta, collection], 'readwrite');
	await tx.objectStore(STORE.outbox).delete(seq);
	if (isNeverCreated) {
		for (const later of entries) {
			if (later.seq > seq && later.recordKey === entry.recordKey) {
				await tx.objectStore(STORE.outbox).delete(later.seq);
			}
		}
		await tx.objectStore(collection).delete(id);
	} else {
		const stale = ((await tx.objectStore(STORE.meta).get(STALE_KEY)) as string[] | undefined) ?? [];
		if (!stale.includes(entry.recordKey)) stale.push(entry.recordKey);
		await tx.objectStore(STORE.meta).put(stale, STALE_KEY);
	}
	await tx.done;
	return true;
}

/** Splits `<collection>/<id>`. */
export function splitKey(key: string): [CollectionName, string] {
	const slash = key.indexOf('/');
	return [key.slice(0, slash) as CollectionName, key.slice(slash + 1)];
}

/**
 * After a swap, the server may return a connection the device already had under another id:
 * adopt it in one transaction — the swap entry is retired, the local connection renamed, and
 * queued entries and local records that pointed at the old id now point at the server's.
 */
export async function adoptSwapConnection(
	db: LocalDb,
	seq: number,
	localId: string,
	connection: StoredRecord
): Promise<void> {
	const tx = db.transaction([STORE.outbox, 'connections', 'interactions'], 'readwrite');
	await tx.objectStore(STORE.outbox).delete(seq);
	const local = (await tx.objectStore('connections').get(localId)) as StoredRecord | undefined;
	if (localId !== connection.id) {
		await tx.objectStore('connections').delete(localId);
		const outbox = tx.objectStore(STORE.outbox);
		for (const entry of (await outbox.getAll()) as OutboxEntry[]) {
			const moved = renameId(entry, localId, connection.id);
			if (moved !== entry) await outbox.put(moved);
		}
		const interactions = tx.objectStore('interactions');
		const linked = (await interactions.index('byPerson').getAll(localId)) as StoredRecord[];
		for (const record of linked) await interactions.put(renameIn(record, localId, connection.id));
	}
	const isHeld = await hasOutboxEntries(tx, recordKey('connections', connection.id));
	// Local edits still queued win over the server copy, as everywhere else.
	await tx
		.objectStore('connections')
		.put(isHeld && local ? { ...local, id: connection.id } : connection);
	await tx.done;
}

function renameId(entry: OutboxEntry, from: string, to: string): OutboxEntry {
	const fromKey = recordKey('connections', from);
	const body = renameIn(entry.body, from, to);
	if (entry.recordKey !== fromKey && body === entry.body) return entry;
	const isConnection = entry.recordKey === fromKey;
	return {
		...entry,
		body,
		recordKey: isConnection ? recordKey('connections', to) : entry.recordKey,
		recordId: isConnection && entry.collection === 'connections' ? to : entry.recordId
	};
}

/** Replaces an id in top-level fields and relation arrays (e.g. interactions.people). */
function renameIn<T extends Record<string, unknown>>(fields: T, from: string, to: string): T {
	let isChanged = false;
	const renamed = Object.fromEntries(
		Object.entries(fields).map(([key, value]) => {
			if (value === from) {
				isChanged = true;
				return [key, to];
			}
			if (Array.isArray(value) && value.includes(from)) {
				isChanged = true;
				return [key, value.map((v: unknown) => (v === from ? to : v))];
			}
			return [key, value];
		})
	);
	return isChanged ? (renamed as T) : fields;
}

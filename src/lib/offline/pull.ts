// Pulling server changes into the local store. Invariant: the per-collection cursor only moves
// past records that are already written locally (or deliberately skipped because local changes
// are queued for them), and each pull re-reads a short overlap before the cursor, so records
// committed late with an older `updated` are not missed; re-reading a record is harmless.
import type PocketBase from 'pocketbase';
import { clearStale, splitKey, staleRecords } from './outbox';
import { getMeta, setMeta, type LocalDb } from './local-store';
import { deleteServerRecord, dropUnseen, putServerRecords } from './local-writes';
import { cursorKey, TOMBSTONE_DAYS, type CollectionName, type StoredRecord } from './schema';
import { errorFromThrown } from './sync-errors';

/** Records per collection in one pull (pull.go pullPageSize). */
export const PAGE_SIZE = 200;
/** How far before the cursor each pull starts again (covers transactions that commit late). */
export const OVERLAP_MS = 2000;

export { cursorKey };

/** Formats a Date the way PocketBase stores datetimes (`2025-01-02 03:04:05.678Z`). */
export function toPocketBaseDate(date: Date): string {
	return date.toISOString().replace('T', ' ');
}

function minus(pbDate: string, ms: number): string {
	const time = Date.parse(pbDate.replace(' ', 'T'));
	return Number.isNaN(time) ? '' : toPocketBaseDate(new Date(time - ms));
}

/** Where a collection's pull goes on from: after (updated, id); empty for the start. */
interface PullCursor {
	updated: string;
	id: string;
}

/** `POST /api/tend/pull` (pocketbase/pull.go): one page per collection named. */
export interface PullReply {
	collections: Partial<Record<CollectionName, { items: StoredRecord[]; more: boolean }>>;
}

/**
 * Pulls every record of these collections changed since their cursors, all of them in one request
 * per page (`POST /api/tend/pull`, each collection under its own list rule on the server); resolves
 * with the collections that received anything. `isFull` pulls everything instead and then drops
 * local records the server no longer has (unless changes to them are queued): for a device that
 * was away longer than the server keeps tombstones.
 */
export async function pullCollections(
	db: LocalDb,
	pb: PocketBase,
	collections: readonly CollectionName[],
	timeoutMs: number,
	isFull = false
): Promise<CollectionName[]> {
	const from = new Map<CollectionName, PullCursor>();
	for (const collection of collections) {
		const cursor = isFull ? undefined : await getMeta<string>(db, cursorKey(collection));
		from.set(collection, { updated: cursor ? minus(cursor, OVERLAP_MS) : '', id: '' });
	}
	const seen = new Map(collections.map((c) => [c, new Set<string>()]));
	const changed = new Set<CollectionName>();
	let pending = [...collections];
	while (pending.length > 0) {
		// Keyset paging on (updated, id): pages never skip or repeat rows while others write.
		const reply = await pb.send<PullReply>('/api/tend/pull', {
			method: 'POST',
			body: { collections: Object.fromEntries(pending.map((c) => [c, from.get(c)])) },
			requestKey: null,
			signal: AbortSignal.timeout(timeoutMs)
		});
		const next: CollectionName[] = [];
		for (const collection of pending) {
			const page = reply.collections[collection];
			if (!page) throw new Error(`The server's pull left out ${collection}.`);
			await putServerRecords(db, collection, page.items);
			for (const item of page.items) seen.get(collection)?.add(item.id);
			if (page.items.length > 0) changed.add(collection);
			const last = page.items.at(-1);
			if (!last?.updated) continue;
			from.set(collection, { updated: last.updated, id: last.id });
			const saved = await getMeta<string>(db, cursorKey(collection));
			if (!saved || last.updated > saved) await setMeta(db, cursorKey(collection), last.updated);
			if (page.more) next.push(collection);
		}
		pending = next;
	}
	if (isFull) {
		for (const collection of collections) {
			if ((await dropUnseen(db, collection, seen.get(collection) ?? new Set())) > 0) {
				changed.add(collection);
			}
		}
	}
	return collections.filter((c) => changed.has(c));
}

/** True when the last sync is older than the server keeps tombstones: time for a full pull. */
export function needsFullPull(lastSyncedAt: string | undefined, now = Date.now()): boolean {
	const time = lastSyncedAt ? Date.parse(lastSyncedAt) : NaN;
	return !Number.isNaN(time) && now - time > TOMBSTONE_DAYS * 86_400_000;
}

/** Replaces records marked stale (after a discard) with the server's copy, or removes them. */
export async function refetchStale(db: LocalDb, pb: PocketBase, timeoutMs: number): Promise<void> {
	const keys = await staleRecords(db);
	const done: string[] = [];
	for (const key of keys) {
		const [collection, id] = splitKey(key);
		try {
			const record = await pb
				.collection(collection)
				.getOne<StoredRecord>(id, { requestKey: null, signal: AbortSignal.timeout(timeoutMs) });
			await putServerRecords(db, collection, [record]);
		} catch (thrown) {
			const error = errorFromThrown(thrown);
			if (error.reason !== 'not_found') throw thrown;
			await deleteServerRecord(db, collection, id);
		}
		done.push(key);
	}
	if (done.length > 0) await clearStale(db, done);
}

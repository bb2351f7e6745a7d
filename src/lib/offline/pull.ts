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

/**
 * Pulls every record of a collection changed since its cursor; resolves with how many arrived.
 * `isFull` pulls everything instead and then drops local records the server no longer has (unless
 * changes to them are queued): for a device that was away longer than the server keeps tombstones.
 */
export async function pullCollection(
	db: LocalDb,
	pb: PocketBase,
	collection: CollectionName,
	timeoutMs: number,
	isFull = false
): Promise<number> {
	const cursor = isFull ? undefined : await getMeta<string>(db, cursorKey(collection));
	const seen = isFull ? new Set<string>() : null;
	let fromUpdated = cursor ? minus(cursor, OVERLAP_MS) : '';
	let fromId = '';
	let received = 0;
	for (;;) {
		// Keyset paging on (updated, id): pages never skip or repeat rows while others write.
		const filter = fromUpdated
			? pb.filter('updated > {:u} || (updated = {:u} && id > {:id})', {
					u: fromUpdated,
					id: fromId
				})
			: '';
		const page = await pb.collection(collection).getList<StoredRecord>(1, PAGE_SIZE, {
			filter,
			sort: 'updated,id',
			skipTotal: true,
			requestKey: null,
			signal: AbortSignal.timeout(timeoutMs)
		});
		await putServerRecords(db, collection, page.items);
		for (const item of page.items) seen?.add(item.id);
		received += page.items.length;
		const last = page.items.at(-1);
		if (last?.updated) {
			fromUpdated = last.updated;
			fromId = last.id;
			const saved = await getMeta<string>(db, cursorKey(collection));
			if (!saved || last.updated > saved) await setMeta(db, cursorKey(collection), last.updated);
		}
		if (page.items.length < PAGE_SIZE || !last?.updated) break;
	}
	if (seen) received += await dropUnseen(db, collection, seen);
	return received;
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

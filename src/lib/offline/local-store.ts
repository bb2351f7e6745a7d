// The device's local store (IndexedDB `tend`, through idb). What lives where, and why:
// - one object store per synced collection (RECORD_STORES): the records every screen reads; keyed
//   by the PocketBase id the device generated, so a record never changes id when it syncs;
// - `outbox` (autoIncrement `seq`): the changes not yet on the server, in the order they were made;
// - `meta` (key → value): per-collection pull cursors, lastSyncedAt, records to refetch, and
//   device things that do not depend on the session (my token, my QR payload).
// Invariant: a local write and its outbox entry commit in ONE transaction (local-writes.ts), so
// the screen never shows a change the outbox does not hold, nor the reverse; callers update
// in-memory state only after it resolves. Records with outbox entries are never overwritten by
// data from the server (pulls) until those entries are gone.
import {
	openDB,
	type IDBPDatabase,
	type IDBPTransaction,
	type IndexNames,
	type StoreNames
} from 'idb';
import {
	COLLECTIONS,
	cursorKey,
	DB_NAME,
	DB_VERSION,
	RECORD_STORES,
	STORE,
	type CollectionName,
	type IndexSpec,
	type StoredRecord,
	type SwapBody,
	type TendDB
} from './schema';

export type LocalDb = IDBPDatabase<TendDB>;

/** A change made on the device: written locally at once, sent to the server later. */
export type LocalChange =
	| {
			action: 'create' | 'update';
			collection: CollectionName;
			/** The whole record as it should now read locally. */
			record: StoredRecord;
			/** What to send; defaults to the record (create) or the record without timestamps (update). */
			body?: Record<string, unknown>;
	  }
	| { action: 'delete'; collection: CollectionName; id: string }
	| { action: 'swap'; swap: SwapBody; connection: StoredRecord }
	/** Joining by code: nothing is written locally until the server answers with the event. */
	| { action: 'join'; id: string; code: string }
	/** Leaving an event: it goes from the device at once. */
	| { action: 'leave'; eventId: string };

/** Opens (and creates or upgrades) the local database. */
export async function openLocalStore(name: string = DB_NAME): Promise<LocalDb> {
	return openDB<TendDB>(name, DB_VERSION, {
		upgrade(typedDb, oldVersion, _newVersion, typedTx) {
			// The upgrade walks store and index names from RECORD_STORES, so it uses idb's untyped view.
			const db = typedDb as unknown as IDBPDatabase;
			const tx = typedTx as unknown as IDBPTransaction<unknown, string[], 'versionchange'>;
			if (oldVersion > 0 && oldVersion < 2) {
				// Version 1 kept card changes by card (field names only) and the cards I held: both
				// are gone from the server's model. Pull card changes again; drop others' cards
				// (mine is the one with a key version, which only its owner was ever shown).
				if (db.objectStoreNames.contains('card_changes')) db.deleteObjectStore('card_changes');
				void tx.objectStore(STORE.meta).delete(cursorKey('card_changes'));
				void tx
					.objectStore('cards')
					.openCursor()
					.then(async function drop(cursor): Promise<void> {
						if (!cursor) return;
						if (typeof (cursor.value as StoredRecord).keyVersion !== 'number') {
							await cursor.delete();
						}
						await drop(await cursor.continue());
					});
			}
			for (const collection of COLLECTIONS) {
				const store = db.objectStoreNames.contains(collection)
					? tx.objectStore(collection)
					: db.createObjectStore(collection, { keyPath: 'id' });
				const indexes: Record<string, IndexSpec> = RECORD_STORES[collection];
				for (const [index, spec] of Object.entries(indexes)) {
					if (store.indexNames.contains(index)) continue;
					store.createIndex(index, spec.field, { multiEntry: spec.isMultiEntry ?? false });
				}
			}
			if (!db.objectStoreNames.contains(STORE.outbox)) {
				const outbox = db.createObjectStore(STORE.outbox, { keyPath: 'seq', autoIncrement: true });
				outbox.createIndex('byRecordKey', 'recordKey');
			}
			if (!db.objectStoreNames.contains(STORE.acked)) {
				const acked = db.createObjectStore(STORE.acked, { keyPath: 'seq' });
				acked.createIndex('byAckedAt', 'ackedAt');
			}
			if (!db.objectStoreNames.contains(STORE.meta)) db.createObjectStore(STORE.meta);
		}
	});
}

/** The store a change writes locally (a swap writes the scanner's connection; a join none). */
export function collectionOf(change: LocalChange): CollectionName | null {
	if (change.action === 'swap') return 'connections';
	if (change.action === 'join') return null;
	if (change.action === 'leave') return 'events';
	return change.collection;
}

/** One record by id, or undefined. */
export async function getRecord(
	db: LocalDb,
	collection: CollectionName,
	id: string
): Promise<StoredRecord | undefined> {
	return (await db.get(collection, id)) as StoredRecord | undefined;
}

/** Every local record of a collection. */
export async function listRecords(
	db: LocalDb,
	collection: CollectionName
): Promise<StoredRecord[]> {
	return (await db.getAll(collection)) as StoredRecord[];
}

/** The records of a collection whose indexed field equals value (e.g. connections by card). */
export async function listByIndex<C extends CollectionName>(
	db: LocalDb,
	collection: C,
	index: IndexNames<TendDB, C>,
	value: string
): Promise<StoredRecord[]> {
	return db.getAllFromIndex(collection, index, value as never);
}

/** A device-level value from `meta`. */
export async function getMeta<T>(db: LocalDb, key: string): Promise<T | undefined> {
	return (await db.get(STORE.meta, key)) as T | undefined;
}

/** Stores a device-level value in `meta`. */
export async function setMeta(db: LocalDb, key: string, value: unknown): Promise<void> {
	await db.put(STORE.meta, value, key);
}

export type RecordsTx = IDBPTransaction<TendDB, StoreNames<TendDB>[], 'readwrite'>;

/** True when the outbox (in this transaction) holds an entry for that local record. */
export async function hasOutboxEntries(tx: RecordsTx, key: string): Promise<boolean> {
	return (await tx.objectStore(STORE.outbox).index('byRecordKey').count(key)) > 0;
}

// The device's local store (IndexedDB `tend`, through idb). What lives where, and why:
// - one object store per synced collection (RECORD_STORES): the records every screen reads; keyed
//   by the PocketBase id the device generated, so a record never changes id when it syncs;
// - `outbox` (autoIncrement `seq`): the changes not yet on the server, in the order they were made;
// - `meta` (key → value): per-collection pull cursors, lastSyncedAt, records to refetch, and
//   device things that do not depend on the session (my token, my QR payload).
// Invariant: a local write and its outbox entry commit in ONE transaction (applyLocalChange), so
// the screen never shows a change the outbox does not hold, nor the reverse; callers update
// in-memory state only after it resolves. Records with outbox entries are never overwritten by
// data from the server (pulls, realtime) until those entries are gone.
import {
	openDB,
	type IDBPDatabase,
	type IDBPTransaction,
	type IndexNames,
	type StoreNames
} from 'idb';
import { isTombstone } from '../domain/record-fields';
import { newOpId } from './record-id';
import {
	COLLECTIONS,
	cursorKey,
	DB_NAME,
	DB_VERSION,
	RECORD_STORES,
	STORE,
	recordKey,
	type CollectionName,
	type IndexSpec,
	type OutboxEntry,
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
	| { action: 'swap'; swap: SwapBody; connection: StoredRecord };

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
			if (!db.objectStoreNames.contains(STORE.meta)) db.createObjectStore(STORE.meta);
		}
	});
}

/** Writes a local change and its outbox entry in one transaction; resolves with the entry. */
export async function applyLocalChange(db: LocalDb, change: LocalChange): Promise<OutboxEntry> {
	const [entry] = await applyLocalChanges(db, [change]);
	if (!entry) throw new Error('no outbox entry written');
	return entry;
}

/** The store a change writes locally (a swap writes the scanner's connection). */
export function collectionOf(change: LocalChange): CollectionName {
	return change.action === 'swap' ? 'connections' : change.collection;
}

/**
 * Writes several local changes and their outbox entries in ONE transaction (an introduction, a
 * forgotten person and what named them, an accepted share-back): all of them or none. Resolves
 * with the entries, in order.
 */
export async function applyLocalChanges(
	db: LocalDb,
	changes: LocalChange[]
): Promise<OutboxEntry[]> {
	const stores = [...new Set(changes.map(collectionOf))];
	const tx = db.transaction([...stores, STORE.outbox], 'readwrite');
	const entries: OutboxEntry[] = [];
	try {
		for (const change of changes) {
			const store = tx.objectStore(collectionOf(change));
			if (change.action === 'delete') await store.delete(change.id);
			else if (change.action === 'swap') await store.put(change.connection);
			else await store.put(change.record);
			const entry = outboxEntryFor(change);
			const seq = await tx.objectStore(STORE.outbox).add(entry as OutboxEntry);
			entries.push({ ...entry, seq });
		}
	} catch (error) {
		// One failed request must not leave the others committed.
		tx.abort();
		await tx.done.catch(() => undefined);
		throw error;
	}
	await tx.done;
	return entries;
}

function outboxEntryFor(change: LocalChange): Omit<OutboxEntry, 'seq'> {
	const base = { opId: newOpId(), createdAt: new Date().toISOString(), attempts: 0 };
	const status = 'pending' as const;
	switch (change.action) {
		case 'swap':
			return {
				...base,
				status,
				collection: 'swaps',
				action: 'swap',
				recordId: change.swap.id,
				recordKey: recordKey('connections', change.swap.connectionId),
				body: { ...change.swap }
			};
		case 'delete':
			return {
				...base,
				status,
				collection: change.collection,
				action: 'delete',
				recordId: change.id,
				recordKey: recordKey(change.collection, change.id),
				body: {}
			};
		default: {
			const fields = withoutServerFields(change.record);
			const body = change.body ?? (change.action === 'create' ? fields : withoutId(fields));
			const id = change.record.id;
			return {
				...base,
				status,
				collection: change.collection,
				action: change.action,
				recordId: id,
				recordKey: recordKey(change.collection, id),
				body: change.action === 'create' ? { ...body, id } : withoutId(body)
			};
		}
	}
}

/** Fields PocketBase computes or adds to responses; never sent back. */
const SERVER_FIELDS = new Set(['created', 'updated', 'collectionId', 'collectionName', 'expand']);

function withoutServerFields(record: StoredRecord): Record<string, unknown> {
	return Object.fromEntries(Object.entries(record).filter(([key]) => !SERVER_FIELDS.has(key)));
}

function withoutId(body: Record<string, unknown>): Record<string, unknown> {
	return Object.fromEntries(Object.entries(body).filter(([key]) => key !== 'id'));
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

/**
 * Writes records that came from the server, skipping those with outbox entries (the local edit
 * wins until it is pushed). A tombstone (a record with `deleted`) removes the local record instead,
 * and a forgotten connection takes its card changes with it. Returns how many were written.
 */
export async function putServerRecords(
	db: LocalDb,
	collection: CollectionName,
	records: StoredRecord[]
): Promise<number> {
	const tx = db.transaction(storesForServerWrite(collection), 'readwrite');
	let written = 0;
	for (const record of records) {
		if (await hasOutboxEntries(tx, recordKey(collection, record.id))) continue;
		if (isTombstone(record)) {
			await tx.objectStore(collection).delete(record.id);
			if (collection === 'connections') await dropCardChanges(tx, record.id);
		} else {
			await tx.objectStore(collection).put(record);
		}
		written++;
	}
	await tx.done;
	return written;
}

/** The stores a server write touches: a connection's removal takes its card changes along. */
function storesForServerWrite(collection: CollectionName): StoreNames<TendDB>[] {
	return collection === 'connections'
		? [collection, 'card_changes', STORE.outbox]
		: [collection, STORE.outbox];
}

async function dropCardChanges(tx: RecordsTx, connectionId: string): Promise<void> {
	const index = tx.objectStore('card_changes').index('byConnection');
	for (const key of await index.getAllKeys(connectionId)) {
		await tx.objectStore('card_changes').delete(key);
	}
}

/**
 * After a full pull: removes the local records the server no longer has (`seen` holds every id it
 * sent), except those with queued changes. Returns how many went.
 */
export async function dropUnseen(
	db: LocalDb,
	collection: CollectionName,
	seen: ReadonlySet<string>
): Promise<number> {
	const tx = db.transaction(storesForServerWrite(collection), 'readwrite');
	let dropped = 0;
	for (const id of await tx.objectStore(collection).getAllKeys()) {
		if (seen.has(id) || (await hasOutboxEntries(tx, recordKey(collection, id)))) continue;
		await tx.objectStore(collection).delete(id);
		if (collection === 'connections') await dropCardChanges(tx, id);
		dropped++;
	}
	await tx.done;
	return dropped;
}

/** Removes a record the server deleted, unless the device still has changes queued for it. */
export async function deleteServerRecord(
	db: LocalDb,
	collection: CollectionName,
	id: string
): Promise<boolean> {
	const tx = db.transaction(storesForServerWrite(collection), 'readwrite');
	const isHeld = await hasOutboxEntries(tx, recordKey(collection, id));
	if (!isHeld) {
		await tx.objectStore(collection).delete(id);
		if (collection === 'connections') await dropCardChanges(tx, id);
	}
	await tx.done;
	return !isHeld;
}

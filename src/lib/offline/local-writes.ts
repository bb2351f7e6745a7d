// The device's writes to its local store: a change and its outbox entry in one transaction (one
// change or several together), and what the server sends (pulls, refetches), which never
// overwrites a record with queued changes. Kept apart from local-store.ts (opening and reading),
// which the first screen needs: these run in the sync engine and the use cases, after it.
import type { StoreNames } from 'idb';
import { isTombstone } from '../domain/record-fields';
import {
	collectionOf,
	hasOutboxEntries,
	type LocalChange,
	type LocalDb,
	type RecordsTx
} from './local-store';
import { newOpId } from './record-id';
import {
	STORE,
	recordKey,
	type CollectionName,
	type OutboxEntry,
	type StoredRecord,
	type TendDB
} from './schema';

/** Writes a local change and its outbox entry in one transaction; resolves with the entry. */
export async function applyLocalChange(db: LocalDb, change: LocalChange): Promise<OutboxEntry> {
	const [entry] = await applyLocalChanges(db, [change]);
	if (!entry) throw new Error('no outbox entry written');
	return entry;
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
	const stores = [...new Set(changes.map(collectionOf))].filter((c) => c !== null);
	const tx = db.transaction([...stores, STORE.outbox], 'readwrite');
	const entries: OutboxEntry[] = [];
	try {
		for (const change of changes) {
			if (change.action === 'delete') await tx.objectStore(change.collection).delete(change.id);
			else if (change.action === 'leave') await tx.objectStore('events').delete(change.eventId);
			else if (change.action === 'swap') await tx.objectStore('connections').put(change.connection);
			else if (change.action !== 'join') await tx.objectStore(change.collection).put(change.record);
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
		case 'join':
			return {
				...base,
				status,
				collection: 'joins',
				action: 'join',
				recordId: change.id,
				recordKey: recordKey('joins', change.id),
				body: { code: change.code }
			};
		case 'leave':
			return {
				...base,
				status,
				collection: 'joins',
				action: 'leave',
				recordId: change.eventId,
				recordKey: recordKey('events', change.eventId),
				body: { event: change.eventId }
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

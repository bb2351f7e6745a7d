// What a use case needs to read and write on the device: the signed-in user's local database and
// the engine's write (local record + outbox entry in one transaction, then a sync soon).
import type { LocalChange, LocalDb } from '$lib/offline/local-store';
import type { CollectionName, OutboxEntry, StoredRecord } from '$lib/offline/schema';

export interface LocalSession {
	userId: string;
	db: LocalDb;
	write: (change: LocalChange) => Promise<OutboxEntry>;
	/** Several changes in ONE local transaction: all of them are kept, or none. */
	writeAll: (changes: LocalChange[]) => Promise<OutboxEntry[]>;
	/** Stores records the server just returned (outside the sync engine) and tells the screens. */
	putServer: (collection: CollectionName, records: StoredRecord[]) => Promise<void>;
	/** Runs a sync now and resolves when it is over (harmless offline). */
	sync: () => Promise<void>;
}

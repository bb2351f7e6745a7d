// A LocalSession on a real local store (fake-indexeddb in specs), without a sync engine: writes go
// to the store and its outbox exactly as on a device, and nothing is ever sent.
import { type LocalDb } from '$lib/offline/local-store';
import { applyLocalChange, applyLocalChanges, putServerRecords } from '$lib/offline/local-writes';
import type { LocalSession } from '../local-session';

export const SPEC_USER = 'useruseruser001';

export function deviceSession(db: LocalDb, overrides: Partial<LocalSession> = {}): LocalSession {
	return {
		userId: SPEC_USER,
		db,
		write: (change) => applyLocalChange(db, change),
		writeAll: (changes) => applyLocalChanges(db, changes),
		putServer: async (collection, records) => {
			await putServerRecords(db, collection, records);
		},
		sync: () => Promise.resolve(),
		...overrides
	};
}

// Test factories for the offline specs: a fresh local store and engine against a FakeServer.
import { openLocalStore, type LocalDb } from '../local-store';
import { newRecordId } from '../record-id';
import type { StoredRecord } from '../schema';
import { SyncEngine, type SyncEngineOptions } from '../sync-engine';
import { FakeServer } from './fake-server';

let dbCount = 0;

/** A new, empty local database (unique name, so tests never share state). */
export function freshDb(): Promise<LocalDb> {
	return openLocalStore(`tend-test-${++dbCount}-${Date.now()}`);
}

/** An engine on db talking to server; no automatic retries (tests drive the runs). */
export function engineFor(
	db: LocalDb,
	server: FakeServer,
	options: Partial<SyncEngineOptions> = {}
): SyncEngine {
	return new SyncEngine({
		db,
		pb: server.client(),
		collections: ['connections', 'interactions'],
		timeoutMs: 600_000,
		isRetryScheduled: false,
		...options
	});
}

/** A connection record with a fresh id. */
export function aConnection(fields: Partial<StoredRecord> = {}): StoredRecord {
	return { id: newRecordId(), text: 'met at the coffee line', ...fields };
}

/** Everything set up: server, db, engine. */
export async function setup(options: Partial<SyncEngineOptions> = {}) {
	const server = new FakeServer();
	const db = await freshDb();
	const engine = engineFor(db, server, options);
	return { server, db, engine };
}

// The signed-in user's device data: their own IndexedDB database (one per account, so two people
// sharing a phone never see each other's contacts), the sync engine and its scheduler, and the
// sync status as reactive state. Screens re-read a collection when its revision changes.
import {
	collectionOf,
	openLocalStore,
	type LocalChange,
	type LocalDb
} from '$lib/offline/local-store';
import { COLLECTIONS, type CollectionName, type OutboxEntry } from '$lib/offline/schema';
import type { SyncEngine } from '$lib/offline/sync-engine';
import type { SyncScheduler } from '$lib/offline/sync-scheduler';
import { INITIAL_STATUS, type SyncStatus } from '$lib/offline/sync-status';
import { pb } from '$lib/pocketbase/client';
import { afterFirstScreen } from './after-first-screen';
import type { LocalSession } from '$lib/services/local-session';

const PULLED: CollectionName[] = COLLECTIONS;

/** A change to local records: their ids, or null when any record of the collection may have changed. */
export type RecordListener = (collection: CollectionName, ids: string[] | null) => void;

function zeroRevisions(): Record<CollectionName, number> {
	return Object.fromEntries(PULLED.map((c) => [c, 0])) as Record<CollectionName, number>;
}

/** The database name of a user's local data. */
export function localDbName(userId: string): string {
	return `tend-${userId}`;
}

class SyncManager {
	status = $state.raw<SyncStatus>(INITIAL_STATUS);
	/** Bumped whenever a collection's local records change (a local write or the server). */
	revisions = $state<Record<CollectionName, number>>(zeroRevisions());
	/** The local session, once the user's database is open. */
	session = $state.raw<LocalSession | null>(null);
	/**
	 * Today's follow-ups, for the navigation: set by the follow-up plan once it has loaded after
	 * the first screen (null until then). Kept here, not in a module of its own, so the first
	 * screen loads no extra file for it.
	 */
	followUpsToday = $state<number | null>(null);
	/**
	 * The current event (picked, or running now), set by the events state once it has loaded
	 * after the first screen: the header shows it, swaps and my code carry it. Null: none.
	 */
	currentEvent = $state.raw<{ id: string; name: string } | null>(null);

	#engine: SyncEngine | null = null;
	#scheduler: SyncScheduler | null = null;
	#cleanups: (() => void)[] = [];
	#opening: Promise<LocalSession> | null = null;
	#engineReady: Promise<SyncEngine> | null = null;

	/** Opens the user's local data and starts syncing (idempotent for the same user). */
	start(userId: string): Promise<LocalSession> {
		if (this.session?.userId === userId) return Promise.resolve(this.session);
		if (this.#opening) return this.#opening;
		this.#opening = this.#open(userId).finally(() => (this.#opening = null));
		return this.#opening;
	}

	async #open(userId: string): Promise<LocalSession> {
		await this.stop();
		const db = await openLocalStore(localDbName(userId));
		// The screens read the local store at once; the sync engine (push, pull, live stream) is
		// loaded when the browser is idle, so it stays out of the first screen's JavaScript.
		const engineReady = afterFirstScreen().then(() => this.#startEngine(db));
		this.#engineReady = engineReady;
		const session: LocalSession = {
			userId,
			db,
			write: async (change) => {
				const [entry] = await this.#writeAll([change]);
				if (!entry) throw new Error('no outbox entry written');
				return entry;
			},
			writeAll: (changes) => this.#writeAll(changes),
			putServer: async (collection, records) => {
				const { putServerRecords } = await import('$lib/offline/local-writes');
				await putServerRecords(db, collection, records);
				this.#bump(
					[collection],
					records.map((r) => r.id)
				);
			},
			sync: async () => (await engineReady).sync()
		};
		this.session = session;
		return session;
	}

	async #startEngine(db: LocalDb): Promise<SyncEngine> {
		const [{ SyncEngine }, { SyncScheduler }] = await Promise.all([
			import('$lib/offline/sync-engine'),
			import('$lib/offline/sync-scheduler')
		]);
		const engine = new SyncEngine({ db, pb, collections: PULLED });
		this.#engine = engine;
		this.#cleanups.push(
			engine.status.subscribe((status) => (this.status = status)),
			engine.onRemoteChange((collections) => this.#bump(collections))
		);
		await engine.refreshCounts();
		// The read model of my network (People, follow-ups) is read in while the browser is idle,
		// so opening People shows it at once.
		void import('./network.svelte');
		// Online, the first run is the live channel's (its hello starts one once the stream is open,
		// so each collection is pulled once per open); the scheduler's after 3 s at the latest, and
		// at once offline (the outbox and counts). Change notices keep the store fresh, so the
		// scheduler's own timer is only a safety net.
		this.#scheduler = new SyncScheduler(engine, { intervalMs: 300_000 });
		this.#scheduler.start({ firstRunAfterMs: navigator.onLine ? 3000 : 0 });
		// The live stream only while online (offline it would retry in a loop).
		const follow = () => (navigator.onLine ? engine.startRealtime() : engine.stopRealtime());
		window.addEventListener('online', follow);
		window.addEventListener('offline', follow);
		this.#cleanups.push(() => {
			window.removeEventListener('online', follow);
			window.removeEventListener('offline', follow);
		});
		// The stream opens in a task of its own (a slow phone would otherwise spend one long task
		// on starting the engine and connecting), unless the engine was stopped meanwhile.
		void afterFirstScreen().then(() => {
			if (this.#engine === engine) follow();
		});
		return engine;
	}

	async #writeAll(changes: LocalChange[]): Promise<OutboxEntry[]> {
		if (!this.#engineReady) throw new Error('local data is not open');
		const engine = await this.#engineReady;
		const entries = await engine.writeAll(changes);
		const byCollection: Partial<Record<CollectionName, string[]>> = {};
		for (const change of changes) {
			const collection = collectionOf(change);
			// The local record it wrote: a swap's connection, a leave's event (a join writes none).
			const id =
				change.action === 'swap'
					? change.connection.id
					: change.action === 'leave'
						? change.eventId
						: 'record' in change
							? change.record.id
							: change.id;
			if (collection) (byCollection[collection] ??= []).push(id);
		}
		for (const [collection, ids] of Object.entries(byCollection) as [CollectionName, string[]][]) {
			this.#bump([collection], ids);
		}
		return entries;
	}

	/**
	 * Tells the screens (revisions) and the record listeners what changed: `ids` when the records
	 * are known (a local write), null when a whole collection may have changed (a sync run).
	 */
	#bump(collections: CollectionName[], ids: string[] | null = null): void {
		for (const c of collections) this.revisions[c] = (this.revisions[c] ?? 0) + 1;
		for (const listener of this.#recordListeners) {
			for (const c of collections) listener(c, ids);
		}
	}

	readonly #recordListeners = new Set<RecordListener>();

	/** Follows changes to local records (the read model re-reads only those). */
	onRecords(listener: RecordListener): () => void {
		this.#recordListeners.add(listener);
		return () => this.#recordListeners.delete(listener);
	}

	/** Retries one refused change. */
	retry(seq: number): Promise<boolean> {
		return this.#engine?.retry(seq) ?? Promise.resolve(false);
	}

	/** Drops one refused change (the local record goes back in line with the server). */
	discard(seq: number): Promise<boolean> {
		return this.#engine?.discard(seq) ?? Promise.resolve(false);
	}

	/** Syncs now (e.g. the "Sync now" button). */
	syncNow(): Promise<void> {
		return this.#engine?.sync() ?? Promise.resolve();
	}

	/** Stops syncing and closes the database (data stays on the device). */
	async stop(): Promise<void> {
		const db = this.session?.db;
		this.session = null;
		const engineReady = this.#engineReady;
		this.#engineReady = null;
		const engine = this.#engine ?? (engineReady ? await engineReady.catch(() => null) : null);
		this.#engine = null;
		for (const cleanup of this.#cleanups.splice(0)) cleanup();
		this.#scheduler?.dispose();
		this.#scheduler = null;
		this.status = INITIAL_STATUS;
		this.revisions = zeroRevisions();
		engine?.dispose();
		db?.close();
	}

	/** Signs out on this device: stops syncing and deletes the user's local data. */
	async forget(userId: string): Promise<void> {
		await this.stop();
		await new Promise<void>((resolve) => {
			const request = indexedDB.deleteDatabase(localDbName(userId));
			request.onsuccess = request.onerror = request.onblocked = () => resolve();
		});
		// Photos kept for offline use go too (loaded only now: nothing else on the first screen needs it).
		const { forgetAllPhotos } = await import('$lib/offline/photo-cache');
		await forgetAllPhotos();
	}
}

export const sync = new SyncManager();

// The sync engine: one run at a time (a call during a run coalesces into one more run), each run
// pushes the outbox then pulls every collection since its cursor (or, for a live change notice,
// just the collections it names); the live channel keeps the store fresh while online and every
// (re)connect triggers a full run (started once the stream is open, so nothing committed before
// it is missed). Invariant: nothing leaves the outbox
// without the server's confirmation; transient failures keep the queue and retry with capped
// exponential backoff; a rejected session keeps the queue and raises `needsSignIn`.
import type PocketBase from 'pocketbase';
import { ClientResponseError } from 'pocketbase';
import { LiveChannel, type LiveChannelOptions } from './live';
import { getMeta, setMeta, type LocalChange, type LocalDb } from './local-store';
import { applyLocalChange, applyLocalChanges } from './local-writes';
import { discardEntry, outboxSummary, resendAcknowledged, retryEntry, splitKey } from './outbox';
import { needsFullPull, pullCollections, refetchStale } from './pull';
import { pushOutbox, MAX_BATCH } from './push';
import type { CollectionName, OutboxEntry, SyncError } from './schema';
import { SyncStatusStore } from './sync-status';
import { errorFromThrown, isTransient } from './sync-errors';

export interface SyncEngineOptions {
	db: LocalDb;
	pb: PocketBase;
	/** Collections pulled (and followed by realtime), in pull order. */
	collections: CollectionName[];
	/** Per-request timeout (default 15 s). */
	timeoutMs?: number;
	maxBatch?: number;
	/** Backoff after transient failures: base * 2^n, capped (defaults 2 s and 5 min). */
	backoffBaseMs?: number;
	backoffMaxMs?: number;
	/** Set to false to never schedule automatic retries (tests drive runs by hand). */
	isRetryScheduled?: boolean;
	setTimer?: (fn: () => void, ms: number) => unknown;
	clearTimer?: (handle: unknown) => void;
	random?: () => number;
	/** Makes the live channel (tests drive one by hand); default: LiveChannel on /api/tend/live. */
	live?: (handlers: LiveHandlers) => LiveLike;
}

export type LiveHandlers = Pick<LiveChannelOptions, 'onHello' | 'onChange' | 'onUnauthorized'>;
export type LiveLike = Pick<LiveChannel, 'start' | 'stop'>;

/** Meta key of the server's data epoch as last seen in a live hello. */
const SERVER_EPOCH = 'serverEpoch';

export type ChangeListener = (collections: CollectionName[]) => void;

export class SyncEngine {
	/** Observable status snapshot: subscribe(listener) → unsubscribe. */
	readonly status = new SyncStatusStore();
	readonly #o: Required<Omit<SyncEngineOptions, 'db' | 'pb' | 'collections' | 'live'>> &
		SyncEngineOptions;
	#current: Promise<void> | null = null;
	#queued: Promise<void> | null = null;
	#failures = 0;
	#runs = 0;
	#retryTimer: unknown = null;
	#wanted: 'all' | Set<CollectionName> | null = null;
	#live: LiveLike | null = null;
	#isDisposed = false;
	readonly #changeListeners = new Set<ChangeListener>();
	readonly #writeListeners = new Set<() => void>();

	constructor(options: SyncEngineOptions) {
		this.#o = {
			timeoutMs: 15_000,
			maxBatch: MAX_BATCH,
			backoffBaseMs: 2_000,
			backoffMaxMs: 300_000,
			isRetryScheduled: true,
			setTimer: (fn, ms) => setTimeout(fn, ms),
			clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
			random: Math.random,
			...options
		};
	}

	/** Whether a run has started since the engine was made. */
	get hasRun(): boolean {
		return this.#runs > 0;
	}

	/** Runs a sync now, or once more after the current run; resolves when that run is over. */
	sync(): Promise<void> {
		return this.#request('all');
	}

	/**
	 * Pushes the outbox and pulls just these collections (a change notice named them), now or
	 * once more after the current run; requests made meanwhile merge into that one run.
	 */
	pull(collections: CollectionName[]): Promise<void> {
		return this.#request(new Set(collections));
	}

	#request(wanted: 'all' | Set<CollectionName>): Promise<void> {
		if (this.#isDisposed) return Promise.resolve();
		if (this.#wanted !== 'all') {
			if (wanted === 'all') this.#wanted = 'all';
			else this.#wanted = new Set([...(this.#wanted ?? []), ...wanted]);
		}
		if (!this.#current) return this.#start();
		this.#queued ??= this.#current.then(() => {
			this.#queued = null;
			return this.#start();
		});
		return this.#queued;
	}

	/** Writes a local change with its outbox entry (one transaction), then tells listeners. */
	async write(change: LocalChange): Promise<OutboxEntry> {
		const entry = await applyLocalChange(this.#o.db, change);
		await this.#afterWrite();
		return entry;
	}

	/** Writes several local changes and their entries in ONE transaction (all or none). */
	async writeAll(changes: LocalChange[]): Promise<OutboxEntry[]> {
		const entries = await applyLocalChanges(this.#o.db, changes);
		await this.#afterWrite();
		return entries;
	}

	async #afterWrite(): Promise<void> {
		await this.refreshCounts();
		for (const listener of this.#writeListeners) listener();
	}

	/** Called after every local write through write() (the scheduler syncs on it). */
	onLocalWrite(listener: () => void): () => void {
		this.#writeListeners.add(listener);
		return () => this.#writeListeners.delete(listener);
	}

	/** Called with the collections whose local records changed because of the server. */
	onRemoteChange(listener: ChangeListener): () => void {
		this.#changeListeners.add(listener);
		return () => this.#changeListeners.delete(listener);
	}

	/** Puts a refused item back in the queue and syncs. */
	async retry(seq: number): Promise<boolean> {
		const isRetried = await retryEntry(this.#o.db, seq);
		await this.refreshCounts();
		if (isRetried) void this.sync();
		return isRetried;
	}

	/** Drops a refused item; see discardEntry for what happens to the local record. */
	async discard(seq: number): Promise<boolean> {
		const failed = this.status.current.failedItems.find((e) => e.seq === seq);
		const isDiscarded = await discardEntry(this.#o.db, seq);
		await this.refreshCounts();
		if (isDiscarded && failed) this.#emitChange([splitKey(failed.recordKey)[0]]);
		if (isDiscarded) void this.sync();
		return isDiscarded;
	}

	/** Tells the engine what the browser says about connectivity. */
	setOnline(isOnline: boolean): void {
		if (isOnline !== this.status.current.isOnline) this.status.update({ isOnline });
	}

	/** Re-reads pendingCount, failedItems and lastSyncedAt from the store (call once at start). */
	async refreshCounts(): Promise<void> {
		const lastSyncedAt = (await getMeta<string>(this.#o.db, 'lastSyncedAt')) ?? null;
		this.status.update({ ...(await outboxSummary(this.#o.db)), lastSyncedAt });
	}

	/**
	 * Follows my collections live: every (re)connect runs a full sync (changes may have been
	 * missed meanwhile), every change notice pulls just the collections it names.
	 */
	startRealtime(): void {
		if (this.#live || this.#isDisposed) return;
		const { pb } = this.#o;
		const handlers: LiveHandlers = {
			onHello: ({ epoch }) => void this.#hello(epoch),
			onChange: (collections) => void this.pull(collections),
			// the run that follows says "sign in again" if the session is really gone
			onUnauthorized: () => void this.sync()
		};
		this.#live =
			this.#o.live?.(handlers) ??
			new LiveChannel({
				url: pb.buildURL('/api/tend/live'),
				token: () => pb.authStore.token,
				hasSession: () => pb.authStore.isValid,
				random: this.#o.random,
				...handlers
			});
		this.#live.start();
	}

	/**
	 * A live connection opened: if the server's data epoch is not the one this device saw before,
	 * the server was restored from a backup and may have lost what it acknowledged since, so every
	 * change it acknowledged in the last days goes back in the outbox; then a full sync.
	 */
	async #hello(epoch: string | null): Promise<void> {
		const { db } = this.#o;
		try {
			const known = await getMeta<string>(db, SERVER_EPOCH);
			if (epoch && known && epoch !== known) {
				await resendAcknowledged(db);
				await this.refreshCounts();
			}
			if (epoch && epoch !== known) await setMeta(db, SERVER_EPOCH, epoch);
		} finally {
			void this.sync();
		}
	}

	/** Closes the live stream. */
	stopRealtime(): void {
		this.#live?.stop();
		this.#live = null;
	}

	/** Stops timers and realtime; later sync() calls do nothing. */
	dispose(): void {
		this.#isDisposed = true;
		this.#clearRetry();
		this.stopRealtime();
	}

	#emitChange(collections: CollectionName[]): void {
		if (collections.length === 0) return;
		for (const listener of this.#changeListeners) listener(collections);
	}

	#start(): Promise<void> {
		this.#runs++;
		this.#clearRetry();
		const wanted = this.#wanted ?? 'all';
		this.#wanted = null;
		const run = this.#run(wanted).finally(() => {
			this.#current = null;
		});
		this.#current = run;
		return run;
	}

	async #run(wanted: 'all' | Set<CollectionName>): Promise<void> {
		const { db, pb, timeoutMs } = this.#o;
		this.status.update({ isSyncing: true });
		try {
			if (!pb.authStore.isValid) {
				this.#finish({ reason: 'unauthorized', message: 'Sign in again to send your changes.' });
				return;
			}
			const pushed = await pushOutbox({ db, pb, timeoutMs, maxBatch: this.#o.maxBatch });
			if (pushed.kind === 'stopped') {
				this.#emitChange(pushed.changed);
				return this.#finish(pushed.error);
			}
			const changed: CollectionName[] = [...pushed.changed];
			// A partial run (a change notice) pulls only what it names: the last full sync stays
			// the one that says when everything was last pulled.
			const isAll = wanted === 'all';
			const isFull = isAll && needsFullPull(await getMeta<string>(db, 'lastSyncedAt'));
			const pulling = this.#o.collections.filter((c) => isAll || wanted.has(c));
			for (const collection of await pullCollections(db, pb, pulling, timeoutMs, isFull)) {
				if (!changed.includes(collection)) changed.push(collection);
			}
			await refetchStale(db, pb, timeoutMs);
			if (isAll) {
				const lastSyncedAt = new Date().toISOString();
				await setMeta(db, 'lastSyncedAt', lastSyncedAt);
				this.status.update({ lastSyncedAt });
			}
			this.#emitChange(changed);
			this.#finish(null);
		} catch (thrown) {
			// Server answers arrive as ClientResponseError; anything else broke on the device.
			const message = thrown instanceof Error ? thrown.message : String(thrown);
			this.#finish(
				thrown instanceof ClientResponseError
					? errorFromThrown(thrown)
					: { reason: 'local', message }
			);
		} finally {
			await this.refreshCounts().catch(() => undefined);
			this.status.update({ isSyncing: false });
		}
	}

	#finish(error: SyncError | null): void {
		if (!error) {
			this.#failures = 0;
			this.status.update({
				lastError: null,
				needsSignIn: false,
				// A run that succeeded just before the connection went says nothing about now.
				isOnline: globalThis.navigator?.onLine !== false,
				nextRetryAt: null
			});
			return;
		}
		const isNetwork = error.reason === 'network';
		this.status.update({
			lastError: error,
			needsSignIn: error.reason === 'unauthorized',
			...(isNetwork ? { isOnline: false } : {})
		});
		if (isTransient(error)) this.#scheduleRetry();
	}

	#scheduleRetry(): void {
		if (!this.#o.isRetryScheduled || this.#isDisposed) return;
		const { backoffBaseMs, backoffMaxMs, random } = this.#o;
		const capped = Math.min(backoffMaxMs, backoffBaseMs * 2 ** this.#failures++);
		const delay = Math.round(capped * (0.5 + random() / 2)); // jitter spreads a hall's phones
		this.#clearRetry();
		this.status.update({ nextRetryAt: new Date(Date.now() + delay).toISOString() });
		this.#retryTimer = this.#o.setTimer(() => {
			this.#retryTimer = null;
			void this.sync();
		}, delay);
	}

	#clearRetry(): void {
		if (this.#retryTimer !== null) this.#o.clearTimer(this.#retryTimer);
		this.#retryTimer = null;
	}
}

// A framework-free observable snapshot of the sync state (the UI wraps it in a rune class).
import type { OutboxEntry, SyncError } from './schema';

export interface SyncStatus {
	isOnline: boolean;
	isSyncing: boolean;
	/** Changes waiting to be sent (failed ones not included). */
	pendingCount: number;
	/** Changes the server refused, each with its reason; the user retries or discards them. */
	failedItems: OutboxEntry[];
	/** ISO time of the last run that pushed and pulled everything, or null. */
	lastSyncedAt: string | null;
	/** The server no longer accepts the session: the queue is kept until the user signs in again. */
	needsSignIn: boolean;
	/** Why the last run stopped early, or null. */
	lastError: SyncError | null;
	/** When the next automatic retry after a failure is due (ISO), or null. */
	nextRetryAt: string | null;
}

export type StatusListener = (status: SyncStatus) => void;

export const INITIAL_STATUS: SyncStatus = {
	isOnline: true,
	isSyncing: false,
	pendingCount: 0,
	failedItems: [],
	lastSyncedAt: null,
	needsSignIn: false,
	lastError: null,
	nextRetryAt: null
};

/** Holds the current status and tells listeners about every change. */
export class SyncStatusStore {
	#status: SyncStatus;
	readonly #listeners = new Set<StatusListener>();

	constructor(initial: Partial<SyncStatus> = {}) {
		this.#status = { ...INITIAL_STATUS, ...initial };
	}

	/** The current snapshot (a new object after every change). */
	get current(): SyncStatus {
		return this.#status;
	}

	/** Calls listener now and after every change; returns the unsubscribe function. */
	subscribe(listener: StatusListener): () => void {
		this.#listeners.add(listener);
		listener(this.#status);
		return () => this.#listeners.delete(listener);
	}

	/** Merges a change into the snapshot and notifies listeners. */
	update(patch: Partial<SyncStatus>): void {
		this.#status = { ...this.#status, ...patch };
		for (const listener of this.#listeners) listener(this.#status);
	}
}

// A framework-free observable snapshot of the sync state (the UI wraps it in a rune class).
import type { OutboxEntry, SyncError } from './schema';

export interface SyncStatus {
	isOnline: boolean;
	isSyncing: boolean;
	/** Changes waiting to be sent (failed ones not included). */
	pendingCount: number;
	/** Of those, the new contacts: swaps not yet sent (a contact's note waits with its swap). */
	pendingContacts: number;
	/** Of those, the changes that are not part of a new contact (card edits, notes on others…). */
	pendingChanges: number;
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
	pendingContacts: 0,
	pendingChanges: 0,
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

/** "1 new contact", "3 changes": a count with its noun, singular or plural. */
function count(n: number, one: string, many: string): string {
	return `${n} ${n === 1 ? one : many}`;
}

/** What waits to be sent, counted as a person counts: "3 new contacts", "1 change" (or both). */
export function waitingParts(
	status: Pick<SyncStatus, 'pendingContacts' | 'pendingChanges'>
): string[] {
	const { pendingContacts: contacts, pendingChanges: changes } = status;
	return [
		...(contacts ? [count(contacts, 'new contact', 'new contacts')] : []),
		...(changes ? [count(changes, 'change', 'changes')] : [])
	];
}

/**
 * The header's words for what waits: people for swaps ("3 new contacts not synced yet"), changes
 * for the rest ("1 change waiting"); empty when nothing waits.
 */
export function describeWaiting(
	status: Pick<SyncStatus, 'pendingContacts' | 'pendingChanges'>
): string {
	const parts = waitingParts(status);
	if (parts.length === 2) return `${parts.join(', ')} waiting`;
	if (status.pendingContacts) return `${parts[0]} not synced yet`;
	return parts.length ? `${parts[0]} waiting` : '';
}

/** The one line the header shows about syncing. */
export function describeSync(status: SyncStatus): string {
	if (status.needsSignIn) return 'Sign in again to sync';
	const waiting = describeWaiting(status);
	if (!status.isOnline) return waiting ? `Offline · ${waiting}` : 'Offline';
	if (status.isSyncing) return 'Syncing…';
	// Refusals first: they need the person, and changes queued behind them wait until then.
	const failed = status.failedItems.length;
	if (failed) return `${count(failed, 'change', 'changes')} not accepted`;
	if (waiting) return waiting;
	if (status.lastSyncedAt) return 'Synced';
	return 'Not synced yet';
}

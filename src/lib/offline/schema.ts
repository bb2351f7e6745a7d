// The shape of the device's IndexedDB database `tend`: one object store per synced collection
// (so each can carry its own read indexes), the outbox and a small key-value `meta` store.
// Store names live here and nowhere else; bump DB_VERSION whenever STORES changes.
import type { DBSchema } from 'idb';
import type { ErrorReason } from '../pocketbase/errors';

/** A read index: the field it follows; `isMultiEntry` indexes each element of an array field. */
export interface IndexSpec {
	field: string;
	isMultiEntry?: boolean;
}

/** Collections mirrored on the device; each is an object store keyed by the record id. */
export const RECORD_STORES = {
	cards: { byOwner: { field: 'owner' } },
	connections: { byCard: { field: 'card' }, byEvent: { field: 'event' } },
	interactions: { byPerson: { field: 'people', isMultiEntry: true } },
	decisions: { byPrompt: { field: 'promptId' } },
	events: {},
	card_changes: { byConnection: { field: 'connection' } },
	share_backs: { byCard: { field: 'card' } },
	settings: {}
} as const satisfies Record<string, Record<string, IndexSpec>>;

export type CollectionName = keyof typeof RECORD_STORES;
export type IndexName<C extends CollectionName> = keyof (typeof RECORD_STORES)[C] & string;

export const COLLECTIONS = Object.keys(RECORD_STORES) as CollectionName[];

/** A record store: keyed by the record id, with its read indexes (all on string fields). */
interface RecordStore<Indexes extends string> {
	key: string;
	value: StoredRecord;
	indexes: { [I in Indexes]: string };
}

/** The whole database, typed for idb: every store, its key, its values and its indexes. */
export interface TendDB extends DBSchema {
	cards: RecordStore<IndexName<'cards'>>;
	connections: RecordStore<IndexName<'connections'>>;
	interactions: RecordStore<IndexName<'interactions'>>;
	decisions: RecordStore<IndexName<'decisions'>>;
	events: RecordStore<never>;
	card_changes: RecordStore<IndexName<'card_changes'>>;
	share_backs: RecordStore<IndexName<'share_backs'>>;
	settings: RecordStore<never>;
	outbox: { key: number; value: OutboxEntry; indexes: { byRecordKey: string } };
	acked: { key: number; value: AckedEntry; indexes: { byAckedAt: string } };
	meta: { key: string; value: unknown };
}

/** The non-record stores. */
export const STORE = { outbox: 'outbox', acked: 'acked', meta: 'meta' } as const;

/**
 * Days the device keeps what the server acknowledged, to send it again if the server is restored
 * from a backup (its data epoch changes): the backups are daily and the last 7 are kept.
 */
export const ACKED_DAYS = 7;

export const DB_NAME = 'tend';
/**
 * 2: card changes became per holder (`connection`, `changes`: old → new) and holders stopped
 * reading others' cards; the upgrade drops what version 1 kept of both.
 * 3: `settings` (the follow-up settings, one record per user); the upgrade creates the store like
 * any store missing from RECORD_STORES, and its first pull fills it.
 * 4: `acked`, the changes the server acknowledged in the last ACKED_DAYS (sent again after a
 * restore); it starts empty.
 */
export const DB_VERSION = 4;

/**
 * Days the server keeps a tombstone (a record with `deleted`) before purging it; a device that
 * has not synced for longer pulls everything again to learn what was deleted meanwhile.
 */
export const TOMBSTONE_DAYS = 90;

/** Meta key of a collection's pull cursor (the greatest `updated` seen). */
export function cursorKey(collection: CollectionName): string {
	return `cursor:${collection}`;
}

/** A record as PocketBase returns it (plus whatever fields the collection has). */
export interface StoredRecord {
	id: string;
	updated?: string;
	created?: string;
	[field: string]: unknown;
}

/** Record changes, a swap (its route), and joining or leaving an event (their routes). */
export type OutboxAction = 'create' | 'update' | 'delete' | 'swap' | 'join' | 'leave';

/**
 * Why the server refused a change (or why a sync run stopped): the app's reasons (one model, in
 * pocketbase/errors.ts), and 'local' for a failure on the device itself.
 */
export type SyncErrorReason = ErrorReason | 'local';

export interface SyncError {
	reason: SyncErrorReason;
	message: string;
	/** The server's own reason where it gives one (e.g. `token_expired` for swaps). */
	code?: string;
	/** Field-level validation errors: field name → PocketBase error code. */
	fields?: Record<string, string>;
	status?: number;
}

/** Body of `POST /api/tend/swaps` (docs/protocol.md). */
export interface SwapBody {
	id: string;
	connectionId: string;
	token: string;
	event?: string;
	/** The event the scanned code carried (its owner's current event). */
	peerEvent?: string;
	scannedAt: string;
	note?: string;
}

export interface OutboxEntry {
	seq: number;
	/** Client uuid of this change (stable across retries; handy for logs and UI keys). */
	opId: string;
	/** The collection written, `swaps` for a swap, `joins` for joining or leaving an event. */
	collection: CollectionName | 'swaps' | 'joins';
	action: OutboxAction;
	/** The record id; for a swap, the swap id; for a join, the join's own id; for a leave, the event. */
	recordId: string;
	/**
	 * `<collection>/<id>` of the local record this entry protects (a swap protects its connection,
	 * a leave the event it removed); a join protects nothing yet: `joins/<its id>`.
	 */
	recordKey: string;
	body: Record<string, unknown>;
	createdAt: string;
	attempts: number;
	status: 'pending' | 'failed';
	error?: SyncError;
}

/** An entry the server acknowledged, kept ACKED_DAYS in case a restore loses it (same seq). */
export interface AckedEntry extends OutboxEntry {
	ackedAt: string;
}

/** Key of the local record an entry belongs to, used to hold later entries and to guard pulls. */
export function recordKey(collection: string, id: string): string {
	return `${collection}/${id}`;
}

// The people I have met, read from the device: one row per connection, with what I know of them
// (the living card: the snapshot on my connection, which the server keeps at the level they gave
// me, or keeps as it was when they stopped sharing) and whether it is finished.
import { getRecord, listByIndex, listRecords } from '$lib/offline/local-store';
import { listOutbox } from '$lib/offline/outbox';
import type { OutboxEntry, StoredRecord } from '$lib/offline/schema';
import { cardFieldsOf } from './card.service';
import type { CardFields } from '$lib/domain/card';
import type { LocalSession } from './local-session';
import { isPhotoPath } from './photo.service';
import { displayName, newConnection } from './swap.service';

export interface Person {
	connectionId: string;
	name: string;
	headline: string;
	company: string;
	card: CardFields;
	/** Their photo's path (the server still decides, on each fetch, whether I may see it). */
	photoPath: string | null;
	metAt: string;
	needsNote: boolean;
	isRevoked: boolean;
	connection: StoredRecord;
}

const str = (value: unknown) => (typeof value === 'string' ? value : '');

/** A person as the screens show them. */
function toPerson(connection: StoredRecord): Person {
	const snapshot = (connection.snapshot ?? {}) as StoredRecord;
	const card = cardFieldsOf({ ...snapshot, id: str(connection.card) });
	if (!card.name) card.name = displayName(connection);
	const photoPath = isPhotoPath(snapshot.photoUrl) ? snapshot.photoUrl : null;
	return {
		connectionId: connection.id,
		name: card.name,
		headline: card.headline,
		company: card.company,
		card,
		photoPath,
		metAt: str(connection.metAt),
		needsNote: connection.needsNote === true,
		isRevoked: connection.revoked === true,
		connection
	};
}

/** Everyone I have met, most recent first (archived people last). */
export async function listPeople(session: LocalSession): Promise<Person[]> {
	const connections = await listRecords(session.db, 'connections');
	return connections
		.map(toPerson)
		.sort(
			(a, b) =>
				Number(a.connection.archived === true) - Number(b.connection.archived === true) ||
				b.metAt.localeCompare(a.metAt)
		);
}

/** One person by connection id, or null. */
export async function findPerson(
	session: LocalSession,
	connectionId: string
): Promise<Person | null> {
	const connection = await getRecord(session.db, 'connections', connectionId);
	return connection ? toPerson(connection) : null;
}

/** The refused swap of a contact, if the server refused it (with the reason to show). */
export function refusedSwapOf(connectionId: string, failed: OutboxEntry[]): OutboxEntry | null {
	return (
		failed.find((e) => e.action === 'swap' && e.recordKey === `connections/${connectionId}`) ?? null
	);
}

/**
 * Whether the server has vouched for a scanned contact yet. A code scanned offline is saved under
 * the name it claims before anyone checked its token, so until the swap is accepted the list must
 * not present that name as verified: `waiting` while the swap is in the outbox, `refused` once the
 * server said no (forged, expired, replaced…). null: nothing to say (accepted, or no swap at all).
 */
export type Verification =
	{ state: 'waiting'; label: string } | { state: 'refused'; label: string };

/** A refused swap's reason in a few plain words, for a label in the People list. */
const REFUSAL_WORDS: Record<string, string> = {
	token_forged: 'forged code',
	token_expired: 'expired code',
	token_rotated: 'replaced code',
	token_malformed: 'damaged code',
	card_missing: 'card deleted',
	self_swap: 'your own code',
	no_card: 'make your card first',
	revoked: 'they stopped sharing'
};

/** The verification of a contact, from the swaps still waiting and those the server refused. */
export function verificationOf(
	connectionId: string,
	pending: OutboxEntry[],
	failed: OutboxEntry[]
): Verification | null {
	const refused = refusedSwapOf(connectionId, failed);
	if (refused) {
		const words = refused.error?.code && REFUSAL_WORDS[refused.error.code];
		return { state: 'refused', label: words ? `Refused: ${words}` : 'Refused by the server' };
	}
	const key = `connections/${connectionId}`;
	const isWaiting = pending.some(
		(e) => e.action === 'swap' && e.status === 'pending' && e.recordKey === key
	);
	return isWaiting ? { state: 'waiting', label: 'Not verified yet' } : null;
}

/** The swaps waiting in the outbox for the server (not refused), oldest first. */
export async function listPendingSwaps(session: LocalSession): Promise<OutboxEntry[]> {
	const entries = await listOutbox(session.db);
	return entries.filter((e) => e.action === 'swap' && e.status === 'pending');
}

export interface PendingShareBack {
	id: string;
	name: string;
	email: string;
	note: string;
	created: string;
	record: StoredRecord;
}

/** Details sent back from my public card page by people without the app, newest first. */
export async function listShareBacks(session: LocalSession): Promise<PendingShareBack[]> {
	const records = await listRecords(session.db, 'share_backs');
	return records
		.map((r) => ({
			id: r.id,
			name: str(r.name),
			email: str(r.email),
			note: str(r.note),
			created: str(r.created),
			record: r
		}))
		.sort((a, b) => b.created.localeCompare(a.created));
}

/** Turns a share-back into a contact (needing a memory note) and removes it from the inbox. */
export async function acceptShareBack(
	session: LocalSession,
	shareBack: PendingShareBack
): Promise<string> {
	const email = /^[^\s@<>"]+@[^\s@<>"]+$/.test(shareBack.email) ? shareBack.email : '';
	const record = newConnection(session.userId, {
		snapshot: {
			name: shareBack.name,
			links: email ? [{ kind: 'email', url: `mailto:${email}` }] : [],
			...(shareBack.note ? { note: shareBack.note } : {})
		},
		metAt: shareBack.created || new Date().toISOString()
	});
	// The server sets the owner and keeps `card` and `revoked` for itself.
	const { owner, card, revoked, ...body } = record;
	await session.write({ action: 'create', collection: 'connections', record, body });
	await dismissShareBack(session, shareBack);
	return record.id;
}

/** Removes a share-back without making a contact. */
export async function dismissShareBack(
	session: LocalSession,
	shareBack: PendingShareBack
): Promise<void> {
	await session.write({ action: 'delete', collection: 'share_backs', id: shareBack.id });
}

/**
 * The person just met, as the device knows them now, and whether their swap still waits for the
 * server (until then only what the code carried is known: name, headline, company). Found by card
 * when the server gave the connection another id.
 */
export async function findMetPerson(
	session: LocalSession,
	connectionId: string,
	cardId: string
): Promise<{ person: Person | null; isWaiting: boolean }> {
	const connection =
		(await getRecord(session.db, 'connections', connectionId)) ??
		(await listByIndex(session.db, 'connections', 'byCard', cardId))[0] ??
		null;
	if (!connection) return { person: null, isWaiting: false };
	const pending = await listPendingSwaps(session);
	const key = `connections/${connection.id}`;
	return { person: toPerson(connection), isWaiting: pending.some((e) => e.recordKey === key) };
}

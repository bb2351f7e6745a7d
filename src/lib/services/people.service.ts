// The people I have met, read from the device: one row per connection, with what I know of them
// (the living card when I may still read it, else the snapshot I kept) and whether it is finished.
import { getRecord, listRecords } from '$lib/offline/local-store';
import type { OutboxEntry, StoredRecord } from '$lib/offline/schema';
import { cardFieldsOf } from './card.service';
import type { CardFields } from '$lib/domain/card';
import type { LocalSession } from './local-session';
import { isPhotoPath, photoPathOf } from './photo.service';
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
async function toPerson(session: LocalSession, connection: StoredRecord): Promise<Person> {
	const cardId = str(connection.card);
	const living =
		cardId && !connection.revoked ? await getRecord(session.db, 'cards', cardId) : undefined;
	const snapshot = (connection.snapshot ?? {}) as StoredRecord;
	const card = cardFieldsOf(living ?? { ...snapshot, id: cardId });
	if (!card.name) card.name = displayName(connection);
	const photoPath = living
		? photoPathOf(cardId, living.photo)
		: isPhotoPath(snapshot.photoUrl)
			? snapshot.photoUrl
			: null;
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
	const people = await Promise.all(connections.map((c) => toPerson(session, c)));
	return people.sort(
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
	return connection ? toPerson(session, connection) : null;
}

/** The refused swap of a contact, if the server refused it (with the reason to show). */
export function refusedSwapOf(connectionId: string, failed: OutboxEntry[]): OutboxEntry | null {
	return (
		failed.find((e) => e.action === 'swap' && e.recordKey === `connections/${connectionId}`) ?? null
	);
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

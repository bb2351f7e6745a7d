// My card, read from the device (the code screen needs only this); saving it is in
// card-save.service.ts, loaded with the first save.
import type { CardFields } from '$lib/domain/card';
import type { EventField } from '$lib/domain/event-card';
import { parseCard, photoPathOf } from '$lib/domain/record-fields';
import { listByIndex } from '$lib/offline/local-store';
import type { StoredRecord } from '$lib/offline/schema';
import type { LocalSession } from './local-session';

/** What to do with the photo on save. */
export type PhotoChange = { kind: 'keep' } | { kind: 'remove' } | { kind: 'set'; file: File };

export interface MyCard extends CardFields {
	id: string;
	photo: string;
	keyVersion: number;
	/** What new contacts see besides the name (the rest needs the full card). */
	eventFields: EventField[];
	record: StoredRecord;
}

/** The card fields of a stored record (links of an unknown shape are dropped). */
export function cardFieldsOf(record: StoredRecord): CardFields {
	const { name, headline, company, canHelpWith, lookingFor, links } = parseCard(record);
	return { name, headline, company, canHelpWith, lookingFor, links };
}

/** Reads my card from the device; null when I have not made one yet. */
export async function readMyCard(session: LocalSession): Promise<MyCard | null> {
	const [record] = await listByIndex(session.db, 'cards', 'byOwner', session.userId);
	if (!record) return null;
	const card = parseCard(record);
	return {
		...cardFieldsOf(record),
		id: card.id,
		photo: card.photo,
		keyVersion: card.keyVersion,
		eventFields: card.eventFields,
		record
	};
}

/** The path of my card's photo (served to me by /api/tend/photos like anyone's), or null. */
export function photoUrl(card: MyCard | null): string | null {
	return card ? photoPathOf(card.id, card.photo) : null;
}

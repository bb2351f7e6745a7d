// The use cases of People: what I write about the people I have met, on the device first (the
// outbox sends it later). Each use case that writes several records writes them in ONE local
// transaction (session.writeAll): an introduction, a forgotten person and what named them, an
// accepted share-back, a change to many people at once. Deletions of connections, interactions
// and decisions are soft (a `deleted` time, pulled by my other devices like any change).
import type { CardFields } from '$lib/domain/card';
import type { BulkChange } from '$lib/domain/people-bulk';
import { cleanTag } from '$lib/domain/people-query';
import {
	parseConnection,
	parseShareBack,
	type Connection,
	type Interaction,
	type InteractionKind,
	type Mode,
	type ShareBack
} from '$lib/domain/records';
import { getRecord, listByIndex, listRecords, type LocalChange } from '$lib/offline/local-store';
import { listOutbox } from '$lib/offline/outbox';
import { newRecordId } from '$lib/offline/record-id';
import type { OutboxEntry } from '$lib/offline/schema';
import type { LocalSession } from './local-session';
import { newConnection } from './swap.service';

/** A person just met, as the swap screens show them. */
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
	connection: Connection;
}

/** A person as the swap screens show them. */
export function personOf(connection: Connection): Person {
	const s = connection.snapshot;
	return {
		connectionId: connection.id,
		name: s.name || 'Someone',
		headline: s.headline,
		company: s.company,
		card: {
			name: s.name || 'Someone',
			headline: s.headline,
			company: s.company,
			canHelpWith: s.canHelpWith,
			lookingFor: s.lookingFor,
			links: s.links
		},
		photoPath: s.photoUrl || null,
		metAt: connection.metAt,
		needsNote: connection.needsNote,
		isRevoked: connection.revoked,
		connection
	};
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

/** Details sent back from my public card page by people without the app, newest first. */
export async function listShareBacks(session: LocalSession): Promise<ShareBack[]> {
	const records = await listRecords(session.db, 'share_backs');
	return records.map(parseShareBack).sort((a, b) => b.created.localeCompare(a.created));
}

const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+$/;

/**
 * Turns a share-back into a contact (needing a memory note) and removes it from the inbox, in one
 * local transaction: the contact is never made twice, nor the share-back lost.
 */
export async function acceptShareBack(
	session: LocalSession,
	shareBack: ShareBack
): Promise<string> {
	const email = EMAIL.test(shareBack.email) ? shareBack.email : '';
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
	await session.writeAll([
		{ action: 'create', collection: 'connections', record, body },
		{ action: 'delete', collection: 'share_backs', id: shareBack.id }
	]);
	return record.id;
}

/** Removes a share-back without making a contact. */
export async function dismissShareBack(session: LocalSession, shareBack: ShareBack): Promise<void> {
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
	const record =
		(await getRecord(session.db, 'connections', connectionId)) ??
		(await listByIndex(session.db, 'connections', 'byCard', cardId))[0] ??
		null;
	if (!record) return { person: null, isWaiting: false };
	const connection = parseConnection(record);
	if (connection.deleted) return { person: null, isWaiting: false };
	const pending = await listPendingSwaps(session);
	const key = `connections/${connection.id}`;
	return { person: personOf(connection), isWaiting: pending.some((e) => e.recordKey === key) };
}

// ——— Tending: what I change about people ———

/** The fields of my connection I may change (the server keeps the rest; `event`: one I belong to). */
export type PersonPatch = Partial<
	Pick<
		Connection,
		'memoryNote' | 'howICanHelp' | 'promise' | 'tags' | 'channel' | 'cadence' | 'archived' | 'event'
	>
>;

function connectionUpdate(connection: Connection, patch: PersonPatch): LocalChange {
	const body: Record<string, unknown> = { ...patch };
	if ('memoryNote' in patch || 'howICanHelp' in patch) {
		const memoryNote = patch.memoryNote ?? connection.memoryNote;
		const howICanHelp = patch.howICanHelp ?? connection.howICanHelp;
		body.needsNote = !memoryNote.trim() && !howICanHelp.trim();
	}
	return {
		action: 'update',
		collection: 'connections',
		record: { ...connection, ...body },
		body
	};
}

/** Changes one person (notes, tags, channel, cadence, archived). */
export async function updatePerson(
	session: LocalSession,
	connection: Connection,
	patch: PersonPatch
): Promise<void> {
	await session.write(connectionUpdate(connection, patch));
}

/** At most this many tags on one person. */
export const MAX_TAGS = 20;

/** Adds and removes tags on one person (cleaned; the person's order is kept). */
export function retagged(
	tags: readonly string[],
	add: readonly string[],
	remove: readonly string[]
) {
	const removed = new Set(remove.map(cleanTag));
	const next = tags.filter((t) => !removed.has(t));
	for (const tag of add.map(cleanTag)) {
		if (tag && !next.includes(tag) && next.length < MAX_TAGS) next.push(tag);
	}
	return next;
}

/** One change to many people, in one local transaction (e.g. after an import). */
export type { BulkChange };

/** Applies one change to several people at once: all of them are changed, or none. */
export async function updatePeople(
	session: LocalSession,
	connections: readonly Connection[],
	change: BulkChange
): Promise<number> {
	const changes = connections.flatMap((c): LocalChange[] => {
		const patch: PersonPatch =
			change.kind === 'tag'
				? { tags: retagged(c.tags, change.add, change.remove) }
				: change.kind === 'channel'
					? { channel: change.channel }
					: change.kind === 'cadence'
						? { cadence: change.cadence }
						: { archived: change.archived };
		const isSame = Object.entries(patch).every(
			([key, value]) => JSON.stringify(c[key as keyof Connection]) === JSON.stringify(value)
		);
		return isSame ? [] : [connectionUpdate(c, patch)];
	});
	if (changes.length) await session.writeAll(changes);
	return changes.length;
}

/**
 * Forgets a person: my record of them and my notes go (their card stays theirs). In one local
 * transaction, my connection becomes a tombstone, what named only them is deleted and they are
 * taken out of what named others too (an introduction, a group conversation). The server does the
 * same when the tombstone arrives, so my other devices learn of it either way.
 */
export async function forgetPerson(
	session: LocalSession,
	connection: Connection,
	naming: readonly Interaction[]
): Promise<void> {
	const deleted = new Date().toISOString();
	const changes: LocalChange[] = [
		{
			action: 'update',
			collection: 'connections',
			record: { id: connection.id, owner: connection.owner, deleted },
			body: { deleted }
		}
	];
	for (const interaction of naming) {
		const people = interaction.people.filter((p) => p !== connection.id);
		changes.push(
			people.length ? interactionUpdate(interaction, { people }) : interactionTombstone(interaction)
		);
	}
	await session.writeAll(changes);
}

// ——— Logging what happened ———

export const INTERACTION_TEXT_MAX = 2000;
/** At most this many people in one interaction (a group conversation). */
export const MAX_PEOPLE = 50;

export interface InteractionDraft {
	kind: Exclude<InteractionKind, 'met'>;
	mode: Mode;
	text: string;
	/** ISO time. */
	at: string;
	/** My connections it names: one, two for an introduction, several for a group conversation. */
	people: string[];
}

export type DraftProblem = { field: 'people' | 'text' | 'at'; message: string };

/** What is wrong with a draft, if anything (the form shows it next to the field). */
export function draftProblem(draft: InteractionDraft): DraftProblem | null {
	const people = [...new Set(draft.people)];
	if (people.length === 0) return { field: 'people', message: 'Choose who this was with.' };
	if (draft.kind === 'introduced' && people.length < 2)
		return { field: 'people', message: 'Choose the two people you introduced.' };
	if (people.length > MAX_PEOPLE)
		return { field: 'people', message: `At most ${MAX_PEOPLE} people at once.` };
	if (Array.from(draft.text).length > INTERACTION_TEXT_MAX)
		return { field: 'text', message: `At most ${INTERACTION_TEXT_MAX} characters.` };
	if (Number.isNaN(Date.parse(draft.at))) return { field: 'at', message: 'Choose a date.' };
	return null;
}

function interactionBody(draft: InteractionDraft): Record<string, unknown> {
	return {
		kind: draft.kind,
		mode: draft.mode,
		text: draft.text.trim(),
		at: new Date(draft.at).toISOString(),
		people: [...new Set(draft.people)]
	};
}

/** Logs what happened (gave, asked, introduced, a conversation, a follow-up); returns its id. */
export async function logInteraction(
	session: LocalSession,
	draft: InteractionDraft
): Promise<string> {
	const problem = draftProblem(draft);
	if (problem) throw new Error(problem.message);
	const id = newRecordId();
	const body = interactionBody(draft);
	await session.write({
		action: 'create',
		collection: 'interactions',
		record: { id, owner: session.userId, ...body },
		body
	});
	return id;
}

function interactionUpdate(interaction: Interaction, body: Record<string, unknown>): LocalChange {
	return {
		action: 'update',
		collection: 'interactions',
		record: { ...interaction, ...body },
		body
	};
}

function interactionTombstone(interaction: Interaction): LocalChange {
	const deleted = new Date().toISOString();
	return {
		action: 'update',
		collection: 'interactions',
		record: { id: interaction.id, owner: interaction.owner, deleted },
		body: { deleted }
	};
}

/** Edits one of my entries. */
export async function editInteraction(
	session: LocalSession,
	interaction: Interaction,
	draft: InteractionDraft
): Promise<void> {
	const problem = draftProblem(draft);
	if (problem) throw new Error(problem.message);
	await session.write(interactionUpdate(interaction, interactionBody(draft)));
}

/** Deletes one of my entries (on every device of mine, once synced). */
export async function deleteInteraction(
	session: LocalSession,
	interaction: Interaction
): Promise<void> {
	await session.write(interactionTombstone(interaction));
}

// ——— Quick dates ———

const DAY_MS = 86_400_000;

export type QuickDate = 'today' | 'yesterday' | 'last_week';

/** The time a quick date choice stands for. */
export function quickDate(choice: QuickDate, now: Date = new Date()): string {
	const days = choice === 'today' ? 0 : choice === 'yesterday' ? 1 : 7;
	return new Date(now.getTime() - days * DAY_MS).toISOString();
}

/** A picked calendar day (`YYYY-MM-DD`, local) at `hour` (local), as ISO; '' when it is not a day. */
export function localDayAt(day: string, hour: number): string {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
	if (!match) return '';
	const [year, month, dayOfMonth] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
	const date = new Date(year, month, dayOfMonth, hour);
	// Date rolls 30 February over into March (and years below 100 into the 1900s): not a day.
	const isDay =
		date.getFullYear() === year && date.getMonth() === month && date.getDate() === dayOfMonth;
	return isDay ? date.toISOString() : '';
}

/** A picked calendar day (`YYYY-MM-DD`, local) at noon, as ISO; '' when it is not a day. */
export function pickedDate(day: string): string {
	return localDayAt(day, 12);
}

// My data, in: contacts from a file or a scanned badge become contacts without an account, and a
// Tend export is restored into this account. Every write is a local write with its outbox entry
// (so it works offline and goes through once), in transactions of at most BATCH records: a
// batch is kept whole or not at all, and what was written before a failure stays.
import { snapshotOf, type ImportedContact } from '$lib/domain/imported-contact';
import type { RestorePlan } from '$lib/domain/export-restore';
import { getRecord, type LocalChange } from '$lib/offline/local-store';
import type { StoredRecord } from '$lib/offline/schema';
import type { LocalSession } from './local-session';
import { newConnection } from './swap.service';

/** Records per local transaction (and per server batch, once online). */
export const BATCH = 100;

/** A contact from a file or a code, as the connection record the device keeps. */
export function importedConnection(
	userId: string,
	contact: ImportedContact,
	now: Date
): StoredRecord {
	const isScanned = contact.source === 'scan';
	return newConnection(userId, {
		snapshot: snapshotOf(contact),
		metAt: contact.metAt || now.toISOString(),
		// LinkedIn connections were made online; a badge was scanned face to face.
		channel: contact.source === 'linkedin' ? 'online' : 'in_person',
		source: isScanned ? 'scanned' : 'imported',
		// Someone just met asks for a note, like a swap; a file's hundreds of contacts do not.
		needsNote: isScanned
	});
}

async function writeInBatches(
	session: LocalSession,
	changes: LocalChange[],
	onProgress?: (done: number) => void
): Promise<void> {
	for (let i = 0; i < changes.length; i += BATCH) {
		await session.writeAll(changes.slice(i, i + BATCH));
		onProgress?.(Math.min(changes.length, i + BATCH));
	}
}

/** Adds imported contacts (already previewed: no duplicates); resolves with their ids. */
export async function addContacts(
	session: LocalSession,
	contacts: readonly ImportedContact[],
	onProgress?: (done: number) => void,
	now = new Date()
): Promise<string[]> {
	const records = contacts.map((c) => importedConnection(session.userId, c, now));
	await writeInBatches(
		session,
		records.map((record) => ({ action: 'create', collection: 'connections', record })),
		onProgress
	);
	return records.map((r) => r.id);
}

/** The record fields the device sends (the server sets owner, created and updated). */
function recordOf(value: object, owner: string): StoredRecord {
	const { created: _created, updated: _updated, ...fields } = value as StoredRecord;
	return { ...fields, owner };
}

/**
 * Writes a restore plan: the people first, then my notes on people already here, then the
 * timeline and the decisions that name them, then my settings.
 */
export async function restore(
	session: LocalSession,
	plan: RestorePlan,
	onProgress?: (done: number) => void
): Promise<void> {
	const owner = session.userId;
	const changes: LocalChange[] = [
		...plan.connections.map((c): LocalChange => ({
			action: 'create',
			collection: 'connections',
			record: recordOf(c, owner)
		})),
		...(
			await Promise.all(
				plan.connectionUpdates.map(async (fill): Promise<LocalChange[]> => {
					// The whole local record, with the file's notes filled in where it had none.
					const stored = await getRecord(session.db, 'connections', fill.id);
					if (!stored) return [];
					return [
						{
							action: 'update',
							collection: 'connections',
							record: { ...stored, ...fill.patch },
							body: { ...fill.patch }
						}
					];
				})
			)
		).flat(),
		...plan.interactions.map((i): LocalChange => ({
			action: 'create',
			collection: 'interactions',
			record: recordOf(i, owner)
		})),
		...plan.decisions.map((d): LocalChange => ({
			action: 'create',
			collection: 'decisions',
			record: recordOf(d, owner)
		}))
	];
	if (plan.settings) {
		const { dailyCap, defaultCadence } = plan.settings;
		changes.push({
			action: 'update',
			collection: 'settings',
			record: recordOf({ ...plan.settings, id: owner }, owner),
			body: { dailyCap, defaultCadence }
		});
	}
	await writeInBatches(session, changes, onProgress);
}

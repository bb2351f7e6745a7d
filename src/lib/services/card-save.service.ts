// Saving my card: to the device and its outbox (so editing works offline), validated first here
// (domain/card.ts) and again by the server (pb_hooks/lib/card.js). A photo is a file upload and
// needs a connection; the other fields never do. Loaded with the first save: the code screen
// never needs it.
import type { CardFields } from '$lib/domain/card';
import { validateCard } from '$lib/domain/card-validation';
import type { EventField } from '$lib/domain/event-card';
import { newRecordId } from '$lib/offline/record-id';
import type { StoredRecord } from '$lib/offline/schema';
import { pb } from '$lib/pocketbase/client';
import { attempt, type AppError, type Result } from '$lib/pocketbase/errors';
import { readMyCard, type MyCard, type PhotoChange } from './card.service';
import type { LocalSession } from './local-session';

function invalid(message: string, fields: Record<string, string> = {}): AppError {
	return { reason: 'invalid', message, fields };
}

/** Saves my card on the device (and later on the server); uploads a photo change when online. */
export async function saveMyCard(
	session: LocalSession,
	existing: MyCard | null,
	fields: CardFields,
	photo: PhotoChange,
	eventFields: EventField[]
): Promise<Result<MyCard>> {
	const check = validateCard(fields);
	if (!check.ok) {
		const { linkErrors, ...textErrors } = check.errors;
		const errors: Record<string, string> = {};
		for (const [key, message] of Object.entries(textErrors)) if (message) errors[key] = message;
		for (const [index, message] of Object.entries(linkErrors ?? {})) {
			errors[`links.${index}`] = message;
		}
		return { ok: false, error: invalid('Some details need fixing.', errors) };
	}
	const body = { ...fields, eventFields };
	if (existing) {
		await session.write({
			action: 'update',
			collection: 'cards',
			record: { ...existing.record, ...body },
			body
		});
	} else {
		const id = newRecordId();
		await session.write({
			action: 'create',
			collection: 'cards',
			record: { id, owner: session.userId, ...body, photo: '', keyVersion: 1 },
			body: { id, ...body }
		});
	}
	if (photo.kind !== 'keep') {
		const uploaded = await uploadPhoto(session, photo);
		if (!uploaded.ok) return uploaded;
	}
	const saved = await readMyCard(session);
	return saved
		? { ok: true, value: saved }
		: { ok: false, error: invalid('The card was not saved.') };
}

/** Sends a photo change straight to the server once the card itself has synced. */
async function uploadPhoto(
	session: LocalSession,
	photo: Exclude<PhotoChange, { kind: 'keep' }>
): Promise<Result<true>> {
	const offline: AppError = {
		reason: 'network',
		message:
			'Your card is saved. The photo needs a connection: choose it again when you are online.',
		fields: {}
	};
	if (typeof navigator !== 'undefined' && !navigator.onLine) return { ok: false, error: offline };
	await session.sync();
	const card = await readMyCard(session);
	if (!card) return { ok: false, error: offline };
	const form = new FormData();
	form.set('photo', photo.kind === 'set' ? photo.file : '');
	const result = await attempt(() => pb.collection('cards').update(card.id, form));
	if (!result.ok) {
		return result.error.reason === 'network' || result.error.reason === 'not_found'
			? { ok: false, error: offline }
			: result;
	}
	await session.putServer('cards', [result.value as unknown as StoredRecord]);
	return { ok: true, value: true };
}

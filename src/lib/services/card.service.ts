// My card on the server: read it and save it (fields and photo). Validation happens first on
// the device (domain/card.ts) and again on the server (pb_hooks/lib/card.js).
import { attempt, type Result } from '$lib/pocketbase/errors';
import { pb } from '$lib/pocketbase/client';
import type { CardsResponse } from '$lib/pocketbase/pocketbase-types';
import { validateCard, type CardFields } from '$lib/domain/card';

/** What to do with the photo on save. */
export type PhotoChange = { kind: 'keep' } | { kind: 'remove' } | { kind: 'set'; file: File };

/** Loads the signed-in user's card; null when they have not saved one yet. */
export async function loadMyCard(): Promise<Result<CardsResponse | null>> {
	const userId = pb.authStore.record?.id;
	if (!userId) return { ok: true, value: null };
	const result = await attempt(() =>
		pb.collection('cards').getList(1, 1, { filter: pb.filter('owner = {:id}', { id: userId }) })
	);
	return result.ok ? { ok: true, value: result.value.items[0] ?? null } : result;
}

/** Creates or updates my card after validating it on the device. */
export async function saveMyCard(
	existingId: string | null,
	fields: CardFields,
	photo: PhotoChange
): Promise<Result<CardsResponse>> {
	const check = validateCard(fields);
	if (!check.ok) {
		const { linkErrors, ...textErrors } = check.errors;
		const errors: Record<string, string> = {};
		for (const [key, message] of Object.entries(textErrors)) if (message) errors[key] = message;
		for (const [index, message] of Object.entries(linkErrors ?? {}))
			errors[`links.${index}`] = message;
		return {
			ok: false,
			error: { reason: 'invalid', message: 'Some details need fixing.', fields: errors }
		};
	}
	const body = new FormData();
	body.set('name', fields.name);
	body.set('headline', fields.headline);
	body.set('company', fields.company);
	body.set('canHelpWith', fields.canHelpWith);
	body.set('lookingFor', fields.lookingFor);
	body.set('links', JSON.stringify(fields.links));
	if (photo.kind === 'set') body.set('photo', photo.file);
	if (photo.kind === 'remove') body.set('photo', '');
	return attempt(() =>
		existingId
			? pb.collection('cards').update(existingId, body)
			: pb.collection('cards').create(body)
	);
}

/** The URL of a card photo thumbnail, or null. */
export function photoUrl(card: CardsResponse | null, thumb = '400x400'): string | null {
	if (!card?.photo) return null;
	return pb.files.getURL(card, card.photo, { thumb });
}

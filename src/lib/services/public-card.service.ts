// The public card page's calls: read a card by its code's token, and send my details back.
// Both are anonymous and go through the server's validation and rate limits.
import { attempt, type Result } from '$lib/pocketbase/errors';
import { pb } from '$lib/pocketbase/client';
import type { CardFields, CardLink } from '$lib/domain/card';
import { isSafeUrl } from '$lib/domain/card';
import type { VCardPhoto } from '$lib/domain/vcard';
import { fetchPublicPhoto, isPhotoPath } from './photo.service';

export interface PublicCard extends CardFields {
	id: string;
	/** Set when the card shows a photo (fetched with the code's token, see photo.service). */
	photoUrl: string | null;
}

const text = (value: unknown, max: number) =>
	typeof value === 'string' ? value.slice(0, max) : '';

/** Keeps only well-formed, safe links from what the server sent. */
function safeLinks(value: unknown): CardLink[] {
	if (!Array.isArray(value)) return [];
	return value.flatMap((link: unknown) => {
		if (!link || typeof link !== 'object') return [];
		const { kind, url, label } = link as Record<string, unknown>;
		if (typeof url !== 'string' || !isSafeUrl(url)) return [];
		const safeKind = ['linkedin', 'website', 'email', 'phone', 'other'].includes(String(kind))
			? (kind as CardLink['kind'])
			: 'other';
		return [{ kind: safeKind, url, ...(typeof label === 'string' ? { label } : {}) }];
	});
}

/** Fetches the event card a token opens (never trusting the shape of the answer). */
export async function fetchPublicCard(token: string): Promise<Result<PublicCard>> {
	const result = await attempt(() =>
		// In the body, not the query: a URL lands in the server's request logs.
		pb.send<{ card: Record<string, unknown> }>('/api/tend/public/card', {
			method: 'POST',
			body: { token }
		})
	);
	if (!result.ok) return result;
	const card = result.value.card;
	return {
		ok: true,
		value: {
			id: text(card.id, 15),
			name: text(card.name, 80),
			headline: text(card.headline, 120),
			company: text(card.company, 100),
			canHelpWith: text(card.canHelpWith, 500),
			lookingFor: text(card.lookingFor, 500),
			links: safeLinks(card.links),
			photoUrl: isPhotoPath(card.photoUrl) ? card.photoUrl : null
		}
	};
}

/** The bytes of a blob in base64 (for a vCard's PHOTO). */
async function base64Of(blob: Blob): Promise<string> {
	const bytes = new Uint8Array(await blob.arrayBuffer());
	let binary = '';
	for (let i = 0; i < bytes.length; i += 0x8000) {
		binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
	}
	return btoa(binary);
}

/**
 * The "Save contact" file of a public card: exactly its fields (so its one way to reach me, as
 * EMAIL, TEL or URL) and, when the card shows a photo, the photo itself (none when unavailable).
 */
export async function publicCardVCard(card: PublicCard, token: string): Promise<string> {
	const { cardToVCard } = await import('$lib/domain/vcard');
	let photo: VCardPhoto | undefined;
	if (card.photoUrl) {
		const answer = await fetchPublicPhoto(token, '400x400');
		if (answer.kind === 'image') {
			photo = { base64: await base64Of(answer.photo), type: answer.photo.type };
		}
	}
	return cardToVCard(card, { uid: card.id, photo });
}

export interface ShareBack {
	name: string;
	email: string;
	note: string;
}

/** Sends my details back to the card's owner. */
export async function sendShareBack(token: string, details: ShareBack): Promise<Result<true>> {
	const result = await attempt(() =>
		pb.send('/api/tend/public/share-back', {
			method: 'POST',
			body: {
				token,
				name: details.name.trim(),
				email: details.email.trim(),
				note: details.note.trim()
			}
		})
	);
	return result.ok ? { ok: true, value: true } : result;
}

// Card photos on the device. The server decides on every request who may see a photo
// (/api/tend/photos/<cardId>/<file> with my auth; the public card page's route with the code's
// token), so a photo is always fetched, never linked: an <img src> could not send the auth header.
// Invariants: what the server refuses (404: I lost access, or the photo changed) is dropped from
// the offline copy at once; what it serves is kept for offline use; an offline or failed fetch
// shows the kept copy.
import { isPhotoPath, photoPathOf } from '$lib/domain/record-fields';
import { cachedPhoto, forgetPhoto, keepPhoto } from '$lib/offline/photo-cache';
import { pb } from '$lib/pocketbase/client';

/** The thumb sizes the server makes (the cards collection declares them). */
export type PhotoThumb = '128x128' | '400x400';

/** Where a photo comes from: its path (signed in), or the public code whose card it is on. */
export type PhotoSource = { path: string } | { path: string; publicToken: string };

/** What the server said about a photo. */
export type PhotoAnswer =
	| { kind: 'image'; photo: Blob }
	/** Refused or gone: not mine to see (any more). */
	| { kind: 'gone' }
	/** No answer (offline, server trouble, signed out): keep what I have. */
	| { kind: 'unavailable' };

export { isPhotoPath, photoPathOf };

/** The offline copy's key: the photo's URL with its size. */
function cacheKey(path: string, thumb: PhotoThumb): string {
	return `${pb.buildURL(path)}?thumb=${thumb}`;
}

/** Reads the server's answer: an image, a refusal, or no usable answer. */
async function answerOf(request: () => Promise<Response>): Promise<PhotoAnswer> {
	let res: Response;
	try {
		res = await request();
	} catch {
		return { kind: 'unavailable' }; // offline, or the connection dropped
	}
	if (res.status === 404) return { kind: 'gone' };
	if (!res.ok || !(res.headers.get('Content-Type') ?? '').startsWith('image/')) {
		return { kind: 'unavailable' };
	}
	try {
		return { kind: 'image', photo: await res.blob() };
	} catch {
		return { kind: 'unavailable' };
	}
}

/** Asks the server for a photo I may see as the signed-in person (revalidated, never stale). */
export async function fetchPhoto(path: string, thumb: PhotoThumb): Promise<PhotoAnswer> {
	// Signed out or expired: the server would answer 404 to anyone, which says nothing about me.
	if (!pb.authStore.isValid) return { kind: 'unavailable' };
	const token = pb.authStore.token;
	return answerOf(() =>
		fetch(`${pb.buildURL(path)}?thumb=${thumb}`, {
			headers: { Authorization: token },
			cache: 'no-cache'
		})
	);
}

/** Asks the server for the photo on a public card, with the code's token (anonymous). */
export async function fetchPublicPhoto(token: string, thumb: PhotoThumb): Promise<PhotoAnswer> {
	return answerOf(() =>
		fetch(pb.buildURL('/api/tend/public/photo'), {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ token, thumb }),
			cache: 'no-store'
		})
	);
}

/**
 * Shows a photo: calls `show` with the kept copy at once (when there is one), then with what the
 * server answers (null: nothing to show). A public card's photo is not kept: the visitor has no
 * account, and the page is for the moment of the scan.
 */
export async function loadPhoto(
	source: PhotoSource,
	thumb: PhotoThumb,
	show: (photo: Blob | null) => void
): Promise<void> {
	if ('publicToken' in source) {
		const answer = await fetchPublicPhoto(source.publicToken, thumb);
		show(answer.kind === 'image' ? answer.photo : null);
		return;
	}
	const key = cacheKey(source.path, thumb);
	const kept = await cachedPhoto(key);
	if (kept) show(kept);
	const isOffline = typeof navigator !== 'undefined' && navigator.onLine === false;
	const answer: PhotoAnswer = isOffline
		? { kind: 'unavailable' }
		: await fetchPhoto(source.path, thumb);
	if (answer.kind === 'image') {
		show(answer.photo);
		await keepPhoto(key, answer.photo);
	} else if (answer.kind === 'gone') {
		await forgetPhoto(key);
		show(null);
	} else if (!kept) {
		show(null);
	}
}

/**
 * A photo I may see, for an export: the kept copy, else (when `mayFetch` and online) the
 * server's, as the vCard writer takes it (base64 and MIME type); null when there is none.
 */
export async function photoForExport(
	path: string,
	mayFetch: boolean
): Promise<{ base64: string; type: string } | null> {
	// Only the server's photo route: a snapshot's photoUrl is never fetched anywhere else.
	if (!isPhotoPath(path)) return null;
	const thumb: PhotoThumb = '400x400';
	let photo = await cachedPhoto(cacheKey(path, thumb));
	if (!photo && mayFetch && navigator.onLine) {
		const answer = await fetchPhoto(path, thumb);
		if (answer.kind === 'image') photo = answer.photo;
	}
	if (!photo) return null;
	const bytes = new Uint8Array(await photo.arrayBuffer());
	let binary = '';
	for (let i = 0; i < bytes.length; i += 0x8000) {
		binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
	}
	return { base64: btoa(binary), type: photo.type || 'image/jpeg' };
}

/**
 * The photos of many people for an export, by connection id: every kept copy, and the server's
 * for the first `fetchAtMost` others when online (a few at a time), so exporting thousands of
 * people never sends thousands of requests.
 */
export async function photosForExport(
	people: readonly { id: string; snapshot: { photoUrl: string } }[],
	fetchAtMost = 200
): Promise<Map<string, { base64: string; type: string }>> {
	const photos = new Map<string, { base64: string; type: string }>();
	const withPhoto = people.filter((p) => isPhotoPath(p.snapshot.photoUrl));
	let fetches = 0;
	const queue = withPhoto.slice();
	const worker = async () => {
		for (let next = queue.shift(); next; next = queue.shift()) {
			const mayFetch = fetches < fetchAtMost;
			if (mayFetch) fetches++;
			const photo = await photoForExport(next.snapshot.photoUrl, mayFetch);
			if (photo) photos.set(next.id, photo);
		}
	};
	await Promise.all(Array.from({ length: 4 }, worker));
	return photos;
}

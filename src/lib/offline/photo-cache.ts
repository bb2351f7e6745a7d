// Photos kept for offline use, in Cache Storage (not IndexedDB: responses with their bytes and
// type are what Cache Storage is for). One cache, PHOTO_CACHE, keyed by the photo's URL with its
// thumb size. Invariants: only photos the server has just served to this person are kept; a
// photo the server refuses is dropped (the person lost access); signing out empties the cache;
// the service worker leaves this cache alone when it replaces the app's own caches.
// Cache Storage can be missing (an insecure origin) or fail (storage pressure): every function
// then does nothing and the app just shows fewer photos offline.

export const PHOTO_CACHE = 'tend-photos-v1';

/** The photo cache, or null when this browser context has no Cache Storage. */
async function openPhotoCache(): Promise<Cache | null> {
	if (typeof caches === 'undefined') return null;
	try {
		return await caches.open(PHOTO_CACHE);
	} catch {
		return null;
	}
}

/** The kept copy of a photo, or null. */
export async function cachedPhoto(key: string): Promise<Blob | null> {
	const cache = await openPhotoCache();
	try {
		const found = await cache?.match(key);
		return found ? await found.blob() : null;
	} catch {
		return null;
	}
}

/** Keeps a photo the server has just served. */
export async function keepPhoto(key: string, photo: Blob): Promise<void> {
	const cache = await openPhotoCache();
	try {
		await cache?.put(key, new Response(photo, { headers: { 'Content-Type': photo.type } }));
	} catch {
		// storage full or refused: the photo is still shown, just not kept
	}
}

/** Drops the kept copy of a photo. */
export async function forgetPhoto(key: string): Promise<void> {
	const cache = await openPhotoCache();
	try {
		await cache?.delete(key);
	} catch {
		// nothing kept, or the store is gone: either way there is no copy to show
	}
}

/** Drops every kept photo (signing out). */
export async function forgetAllPhotos(): Promise<void> {
	if (typeof caches === 'undefined') return;
	try {
		await caches.delete(PHOTO_CACHE);
	} catch {
		// Cache Storage unavailable: nothing was kept
	}
}

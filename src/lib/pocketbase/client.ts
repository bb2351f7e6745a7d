// The one PocketBase client of the app. The app and the API share one origin, so the base URL
// is the page's own origin; auth lives in localStorage (the SDK's LocalAuthStore).
import PocketBase from 'pocketbase';
import type { TypedPocketBase } from './pocketbase-types';

/** The app's single PocketBase client. */
export const pb = new PocketBase(
	typeof location === 'undefined' ? 'http://127.0.0.1:8090' : location.origin
) as TypedPocketBase;

// Requests are independent (a sync pull and a save must not cancel each other).
pb.autoCancellation(false);

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

/** The SDK's reconnect waits before jitter (ms): attempt 1, 2, …; the last repeats. */
const RECONNECT_STEPS = [1000, 2000, 4000, 8000, 15000];

/**
 * This device's reconnect waits: each step spread between a quarter and 1¾ of itself, drawn once
 * per device, so that after a restart a hall's phones reconnect over seconds, not all at once.
 */
export function reconnectIntervals(random: () => number = Math.random): number[] {
	return RECONNECT_STEPS.map((ms) => Math.round(ms * (0.25 + 1.5 * random())));
}

/** The SDK's reconnect waits: a plain field of its realtime service, private only in its types. */
export type ReconnectWaits = { predefinedReconnectIntervals: number[] };
(pb.realtime as unknown as ReconnectWaits).predefinedReconnectIntervals = reconnectIntervals();

// Who is signed in, as reactive state. Mirrors the SDK's auth store (localStorage), so a reload
// keeps the session and a sign-out in another tab is seen here too.
import { pb } from '$lib/pocketbase/client';
import type { UsersResponse } from '$lib/pocketbase/pocketbase-types';
import { refreshSession } from '$lib/services/session.service';

class SessionManager {
	user = $state.raw<UsersResponse | null>(null);
	/** True once the stored session has been read (and refreshed when online). */
	isReady = $state(false);

	get isSignedIn(): boolean {
		return this.user !== null;
	}

	constructor() {
		this.read();
		pb.authStore.onChange(() => this.read());
	}

	private read(): void {
		const record = pb.authStore.record;
		this.user = record && pb.authStore.token ? (record as unknown as UsersResponse) : null;
	}

	/** Reads the stored session and refreshes it in the background when possible. */
	async start(): Promise<void> {
		this.read();
		this.isReady = true;
		if (!navigator.onLine) {
			window.addEventListener('online', () => void this.start(), { once: true });
			return;
		}
		// Only PocketBase's own rejection clears the stored session; anything else keeps it.
		await refreshSession();
		this.read();
	}
}

export const session = new SessionManager();

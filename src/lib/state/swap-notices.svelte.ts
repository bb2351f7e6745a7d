// The "‹name› saved your card — add a note?" notices on screen. Looks run one at a time (a look
// asked for during another runs once after it), so a burst of live notices never shows a
// notice twice; a notice leaves when dismissed, opened, or once its note is written.
import type { SwapNotice } from '$lib/domain/swap-notices';
import type { LocalSession } from '$lib/services/local-session';
import { lookForSwapNotices } from '$lib/services/swap-notice.service';

class SwapNoticesManager {
	/** The notices on screen, oldest first. */
	notices = $state.raw<SwapNotice[]>([]);

	#isLooking = false;
	#next: LocalSession | null = null;
	/** Bumped by clear(): a look that started before it shows nothing. */
	#generation = 0;

	/** Looks for new notices (call when connections changed or a sync ended). */
	look(session: LocalSession): void {
		this.#next = session;
		if (this.#isLooking) return; // the running drain takes it
		this.#isLooking = true;
		void this.#drain();
	}

	/** Removes one notice from the screen (it is never shown again). */
	dismiss(connectionId: string): void {
		this.notices = this.notices.filter((n) => n.connectionId !== connectionId);
	}

	/** Forgets what is on screen (sign-out, another user). */
	clear(): void {
		this.#next = null;
		this.#generation++;
		this.notices = [];
	}

	async #drain(): Promise<void> {
		try {
			while (this.#next) {
				const session = this.#next;
				const generation = this.#generation;
				this.#next = null;
				// A look that fails (the device's storage) shows nothing new; the next look tries again.
				const look = await lookForSwapNotices(session).catch(() => null);
				if (!look || generation !== this.#generation) continue;
				const shown = new Set(this.notices.map((n) => n.connectionId));
				this.notices = [
					...this.notices.filter((n) => look.stillOpen.has(n.connectionId)),
					...look.fresh.filter((n) => !shown.has(n.connectionId))
				];
			}
		} finally {
			this.#isLooking = false; // in the same turn as the last check of #next: no look is lost
		}
	}
}

export const swapNotices = new SwapNoticesManager();

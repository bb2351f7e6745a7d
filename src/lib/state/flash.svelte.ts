// A short message that outlives a navigation: "Ann Example was forgotten." shown on People after
// the person page went away. The layout renders it in a live region that is always there (so a
// screen reader announces it), only on the page it was meant for, and it goes after a while. A
// message may carry an undo ("Done. Undo"): taking it back is offered as long as it shows.
const SHOWN_MS = 12_000;

class FlashManager {
	message = $state('');
	/** The path the message belongs on. */
	path = $state('');
	/** Takes back what the message reports (null when it cannot be undone). */
	undo = $state.raw<(() => Promise<void>) | null>(null);
	#timer: ReturnType<typeof setTimeout> | undefined;

	/** Shows `message` on `path` (e.g. just before going there) for a few seconds. */
	show(message: string, path: string, undo: (() => Promise<void>) | null = null): void {
		this.message = message;
		this.path = path;
		this.undo = undo;
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => this.clear(), SHOWN_MS);
	}

	/** Runs the undo once, then says it was undone. */
	async takeBack(): Promise<void> {
		const undo = this.undo;
		if (!undo) return;
		this.undo = null;
		await undo();
		this.show('Undone.', this.path);
	}

	clear(): void {
		this.message = '';
		this.undo = null;
	}
}

export const flash = new FlashManager();

// A short message that outlives a navigation: "Ann Example was forgotten." shown on People after
// the person page went away. The layout renders it in a live region that is always there (so a
// screen reader announces it), only on the page it was meant for, and it goes after a while.
const SHOWN_MS = 12_000;

class FlashManager {
	message = $state('');
	/** The path the message belongs on. */
	path = $state('');
	#timer: ReturnType<typeof setTimeout> | undefined;

	/** Shows `message` on `path` (e.g. just before going there) for a few seconds. */
	show(message: string, path: string): void {
		this.message = message;
		this.path = path;
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => (this.message = ''), SHOWN_MS);
	}
}

export const flash = new FlashManager();

// A short message that outlives a navigation: "Ann Example was forgotten." shown on People after
// the person page went away. The layout renders it in a live region that is always there (so a
// screen reader announces it) and it clears itself on the next navigation away.
class FlashManager {
	message = $state('');
	#path = '';
	#hasLanded = false;

	/** Shows `message` once the app is on `path` (e.g. before goto). */
	show(message: string, path: string): void {
		this.message = message;
		this.#path = path;
		this.#hasLanded = false;
	}

	/** Called after every navigation: keeps the message on its page, drops it when leaving. */
	landed(pathname: string): void {
		if (!this.message) return;
		if (pathname === this.#path && !this.#hasLanded) this.#hasLanded = true;
		else if (pathname !== this.#path || this.#hasLanded) this.clear();
	}

	clear(): void {
		this.message = '';
		this.#path = '';
		this.#hasLanded = false;
	}
}

export const flash = new FlashManager();

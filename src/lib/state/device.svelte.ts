// What the device offers for keeping data: persistent storage (asked once, so the browser does not
// evict the offline data under pressure) and, on iOS Safari outside the home screen, a hint to
// install (Safari clears the data of sites not visited for 7 days).
class DeviceManager {
	isPersisted = $state<boolean | null>(null);
	/** iOS Safari in a tab: the home screen keeps data safe there. */
	shouldSuggestInstall = $state(false);

	/** Asks for persistent storage and works out whether to suggest installing. */
	async start(): Promise<void> {
		const ua = navigator.userAgent;
		const isIos =
			/iPhone|iPad|iPod/.test(ua) || (/Macintosh/.test(ua) && navigator.maxTouchPoints > 1);
		const isStandalone =
			window.matchMedia('(display-mode: standalone)').matches ||
			(navigator as Navigator & { standalone?: boolean }).standalone === true;
		this.shouldSuggestInstall =
			isIos && !isStandalone && localStorage.getItem('tend-install-hint') !== 'dismissed';
		if (!navigator.storage?.persist) return;
		this.isPersisted = (await navigator.storage.persisted()) || (await navigator.storage.persist());
	}

	/** Hides the install hint on this device. */
	dismissInstallHint(): void {
		localStorage.setItem('tend-install-hint', 'dismissed');
		this.shouldSuggestInstall = false;
	}
}

export const device = new DeviceManager();

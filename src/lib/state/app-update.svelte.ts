// The service worker's life cycle, through workbox-window: registers it, and exposes
// "a new version is waiting" so the layout can offer a reload. It never reloads on its own.
import type { Workbox } from 'workbox-window';

class AppUpdateManager {
	/** A new version is installed and waiting for the person to reload. */
	isWaiting = $state(false);
	private wb: Workbox | null = null;

	/** Registers /service-worker.js (production builds only). */
	async register(): Promise<void> {
		if (import.meta.env.DEV || !('serviceWorker' in navigator)) return;
		const { Workbox } = await import('workbox-window');
		const wb = new Workbox('/service-worker.js');
		this.wb = wb;
		wb.addEventListener('waiting', () => {
			this.isWaiting = true;
		});
		// After the person chose to reload, the new worker takes control: load the new version.
		wb.addEventListener('controlling', (event) => {
			if (event.isUpdate) location.reload();
		});
		await wb.register();
		// Check for a new version when the tab comes back.
		document.addEventListener('visibilitychange', () => {
			if (document.visibilityState === 'visible') void wb.update();
		});
	}

	/** Activates the waiting version; the page reloads once it controls the page. */
	reload(): void {
		if (!this.wb) return;
		this.wb.messageSkipWaiting();
	}

	/** Hides the prompt until the next update. */
	dismiss(): void {
		this.isWaiting = false;
	}
}

export const appUpdate = new AppUpdateManager();

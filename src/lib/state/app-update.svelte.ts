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
		await wb.register();
		// Check for a new version when the tab comes back.
		document.addEventListener('visibilitychange', () => {
			if (document.visibilityState === 'visible') void wb.update();
		});
	}

	/** Activates the waiting version; the page reloads once it controls the page. */
	reload(): void {
		if (!this.wb) return;
		// Only after the person chose to: once the new worker controls the page, load the new version.
		navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), {
			once: true
		});
		this.wb.messageSkipWaiting();
	}

	/** Hides the prompt until the next update. */
	dismiss(): void {
		this.isWaiting = false;
	}
}

export const appUpdate = new AppUpdateManager();

// Whether this device has already let Tend use the camera, so Scan can start it without a tap.
// The browser's own answer wins (Permissions API, `camera`); where it has none (Firefox does not
// know the `camera` name), a flag kept after the first camera start on this device stands in.
// Only a "granted" or a remembered start opens the camera unasked: a first visit never prompts.

const STARTED_KEY = 'tend.cameraStarted';

/** True when the camera may start as Scan opens (permission given before on this device). */
export async function isCameraAllowed(): Promise<boolean> {
	try {
		const status = await navigator.permissions.query({ name: 'camera' });
		return status.state === 'granted';
	} catch {
		return hasStartedBefore();
	}
}

/** Remembers that the camera started once on this device (the fallback of isCameraAllowed). */
export function rememberCameraStarted(): void {
	try {
		localStorage.setItem(STARTED_KEY, '1');
	} catch {
		// Storage refused (private mode): the next Scan asks for a tap again, nothing worse.
	}
}

function hasStartedBefore(): boolean {
	try {
		return localStorage.getItem(STARTED_KEY) === '1';
	} catch {
		return false;
	}
}

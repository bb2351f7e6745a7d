// The camera, in one place: starts html5-qrcode on an element, reports each decoded text once,
// offers torch and zoom where the camera has them, and ALWAYS releases the camera on stop
// (leaving the screen, hiding the page, or a failure while starting).
// This module and html5-qrcode are loaded lazily (only the Swap screen's scanner imports it).
import { Html5Qrcode, Html5QrcodeSupportedFormats } from 'html5-qrcode';

export interface CameraControls {
	hasTorch: boolean;
	zoom: { min: number; max: number; step: number; value: number } | null;
	setTorch: (isOn: boolean) => Promise<void>;
	setZoom: (value: number) => Promise<void>;
}

export type CameraStartResult =
	| { ok: true; controls: CameraControls }
	| { ok: false; reason: 'denied' | 'no_camera' | 'failed'; message: string };

export interface CameraScanner {
	start: () => Promise<CameraStartResult>;
	stop: () => Promise<void>;
}

const FORMATS = [Html5QrcodeSupportedFormats.QR_CODE];
/** How often the second decoder looks at a camera frame (where there is no native detector). */
const SECOND_DECODER_EVERY_MS = 600;

/** Creates a scanner bound to the element with this id; nothing starts until start(). */
export function createCameraScanner(
	elementId: string,
	onText: (text: string) => void
): CameraScanner {
	const reader = new Html5Qrcode(elementId, {
		formatsToSupport: FORMATS,
		verbose: false,
		// The native BarcodeDetector where the browser has one (fast, off the main thread).
		experimentalFeatures: { useBarCodeDetectorIfSupported: true }
	});
	let isRunning = false;
	let lastText = '';
	let secondDecoder: ReturnType<typeof setInterval> | null = null;
	const deliver = (text: string) => {
		if (text === lastText) return;
		lastText = text;
		onText(text);
	};

	// Loaded only here (and for photos), so browsers with a native detector never fetch it.
	const startSecondDecoder = async () => {
		const decoder = await import('./second-decoder').catch(() => null);
		if (!decoder || !isRunning || secondDecoder !== null) return;
		secondDecoder = setInterval(() => {
			const video = document.querySelector<HTMLVideoElement>(`#${elementId} video`);
			if (!video || video.readyState < 2) return;
			const text = decoder.decodeImage(video, video.videoWidth, video.videoHeight);
			if (text) deliver(text);
		}, SECOND_DECODER_EVERY_MS);
	};

	const stop = async () => {
		if (secondDecoder !== null) clearInterval(secondDecoder);
		secondDecoder = null;
		if (!isRunning) return;
		isRunning = false;
		try {
			await reader.stop();
		} catch {
			// already stopped: the camera is released either way
		}
		reader.clear();
	};

	const start = async (): Promise<CameraStartResult> => {
		if (isRunning) await stop();
		lastText = '';
		try {
			await reader.start(
				{ facingMode: 'environment' },
				{
					fps: 15,
					qrbox: (w, h) => {
						const side = Math.floor(Math.min(w, h) * 0.8);
						return { width: side, height: side };
					},
					aspectRatio: 1
				},
				deliver,
				() => undefined
			);
			isRunning = true;
			// ZXing-js misses some codes that jsQR reads; a native BarcodeDetector does not need help.
			if (!('BarcodeDetector' in globalThis)) void startSecondDecoder();
		} catch (error) {
			await stop();
			const name = error instanceof Error ? error.name : String(error);
			if (/NotAllowed|Permission/i.test(name) || /NotAllowed|Permission/i.test(String(error))) {
				return {
					ok: false,
					reason: 'denied',
					message: 'Tend may not use the camera. Allow it in the browser settings, or use a photo.'
				};
			}
			if (/NotFound|Overconstrained|no camera/i.test(`${name} ${String(error)}`)) {
				return {
					ok: false,
					reason: 'no_camera',
					message: 'No camera was found. Scan from a photo or paste the link instead.'
				};
			}
			return {
				ok: false,
				reason: 'failed',
				message: 'The camera could not start. Try again, or scan from a photo.'
			};
		}
		return { ok: true, controls: controlsOf(reader) };
	};

	return { start, stop };
}

/** Torch and zoom, where the running camera offers them. */
function controlsOf(reader: Html5Qrcode): CameraControls {
	let hasTorch = false;
	let zoom: CameraControls['zoom'] = null;
	try {
		const capabilities = reader.getRunningTrackCameraCapabilities();
		hasTorch = capabilities.torchFeature().isSupported();
		const zoomFeature = capabilities.zoomFeature();
		if (zoomFeature.isSupported()) {
			zoom = {
				min: zoomFeature.min(),
				max: zoomFeature.max(),
				step: zoomFeature.step(),
				value: zoomFeature.value() ?? zoomFeature.min()
			};
		}
	} catch {
		// capabilities are optional
	}
	return {
		hasTorch,
		zoom,
		setTorch: async (isOn) => {
			await reader.getRunningTrackCameraCapabilities().torchFeature().apply(isOn);
		},
		setZoom: async (value) => {
			await reader.getRunningTrackCameraCapabilities().zoomFeature().apply(value);
		}
	};
}

/** Reads a QR code from a photo (html5-qrcode, then the second decoder); null when none is found. */
export async function scanPhoto(elementId: string, file: File): Promise<string | null> {
	const reader = new Html5Qrcode(elementId, { formatsToSupport: FORMATS, verbose: false });
	try {
		return await reader.scanFile(file, false);
	} catch {
		const { decodeFile } = await import('./second-decoder');
		return decodeFile(file);
	} finally {
		reader.clear();
	}
}

// A second QR decoder (jsQR) for what html5-qrcode's ZXing-js misses: measured by
// scripts/bench-scan.js, ZXing-js fails on several in a hundred perfectly drawn Tend codes that
// jsQR reads. Used for photos, and for camera frames on browsers without a native
// BarcodeDetector (Safari, Firefox). Loaded lazily with the scanner.
import jsQR from 'jsqr';

/** Largest side a frame is scaled down to before decoding (keeps a pass well under 100 ms). */
const MAX_SIDE = 800;

/** Reads a QR code from RGBA pixels; null when there is none. */
export function decodePixels(
	rgba: Uint8ClampedArray,
	width: number,
	height: number
): string | null {
	return jsQR(rgba, width, height, { inversionAttempts: 'dontInvert' })?.data || null;
}

/** Reads a QR code from an image or a video frame; null when there is none. */
export function decodeImage(
	source: CanvasImageSource,
	sourceWidth: number,
	sourceHeight: number
): string | null {
	if (!sourceWidth || !sourceHeight) return null;
	const scale = Math.min(1, MAX_SIDE / Math.max(sourceWidth, sourceHeight));
	const width = Math.round(sourceWidth * scale);
	const height = Math.round(sourceHeight * scale);
	const canvas = document.createElement('canvas');
	canvas.width = width;
	canvas.height = height;
	const context = canvas.getContext('2d', { willReadFrequently: true });
	if (!context) return null;
	context.drawImage(source, 0, 0, width, height);
	return decodePixels(context.getImageData(0, 0, width, height).data, width, height);
}

/** Reads a QR code from a photo file; null when there is none or the file is not an image. */
export async function decodeFile(file: File): Promise<string | null> {
	try {
		const bitmap = await createImageBitmap(file);
		try {
			return decodeImage(bitmap, bitmap.width, bitmap.height);
		} finally {
			bitmap.close();
		}
	} catch {
		return null;
	}
}

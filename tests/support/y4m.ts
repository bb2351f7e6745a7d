// Fake-camera videos for Chromium's --use-file-for-fake-video-capture: a Y4M file (4:2:0) whose
// frames show a QR code at about half the frame height, centred, dark on light, with chroma
// neutral. Either drawn from text (qrToY4m) or from a screenshot of what the app drew (pngToY4m).
import { PNG } from 'pngjs';
import { encode } from 'uqr';

export interface Y4mOptions {
	width?: number;
	height?: number;
	frames?: number;
}

export interface Region {
	x: number;
	y: number;
	width: number;
	height: number;
}

const DARK = 16;
const LIGHT = 235;
const QUIET_MODULES = 4;

/** Wraps one luma plane into a Y4M file repeating it `frames` times, chroma neutral. */
export function lumaToY4m(luma: Uint8Array, width: number, height: number, frames: number): Buffer {
	if (width % 2 || height % 2) throw new Error('Y4M 4:2:0 needs an even width and height');
	const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`, 'ascii');
	const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
	const frame = Buffer.concat([Buffer.from('FRAME\n', 'ascii'), luma, chroma]);
	return Buffer.concat([header, ...Array.from({ length: frames }, () => frame)]);
}

/** Draws `text` as a QR code (ECC M) into a Y4M video: code about half the frame height. */
export function qrToY4m(text: string, options: Y4mOptions = {}): Buffer {
	const { width = 640, height = 480, frames = 10 } = options;
	const qr = encode(text, { ecc: 'M', border: 0 });
	const module = Math.max(1, Math.floor(height / 2 / qr.size));
	const side = (qr.size + 2 * QUIET_MODULES) * module;
	const left = Math.floor((width - side) / 2) + QUIET_MODULES * module;
	const top = Math.floor((height - side) / 2) + QUIET_MODULES * module;
	const luma = new Uint8Array(width * height).fill(LIGHT);
	qr.data.forEach((row, my) => {
		row.forEach((isDark, mx) => {
			if (!isDark) return;
			for (let y = 0; y < module; y++) {
				const start = (top + my * module + y) * width + left + mx * module;
				luma.fill(DARK, start, start + module);
			}
		});
	});
	return lumaToY4m(luma, width, height, frames);
}

/**
 * Several codes in turn (each for `frames` frames), as one video: Chromium loops the file, so a
 * camera left running sees every code again and again, one after another.
 */
export function qrsToY4m(texts: string[], options: Y4mOptions = {}): Buffer {
	const videos = texts.map((text) => qrToY4m(text, options));
	const [first] = videos;
	if (!first) throw new Error('no code to film');
	const headerEnd = first.indexOf(0x0a) + 1;
	return Buffer.concat([first, ...videos.slice(1).map((video) => video.subarray(headerEnd))]);
}

/** The bounding box of dark pixels (luma < 128), or the whole image when there are none. */
function darkBounds(gray: Uint8Array, width: number, height: number): Region {
	let [x0, y0, x1, y1] = [width, height, -1, -1];
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			if ((gray[y * width + x] ?? 255) >= 128) continue;
			x0 = Math.min(x0, x);
			y0 = Math.min(y0, y);
			x1 = Math.max(x1, x);
			y1 = Math.max(y1, y);
		}
	}
	if (x1 < 0) return { x: 0, y: 0, width, height };
	return { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
}

/**
 * Turns a screenshot (PNG) into a fake-camera video: the region holding the code (by default the
 * box around its dark pixels) is scaled to about half the frame height, centred on light.
 */
export function pngToY4m(png: Buffer, options: Y4mOptions & { region?: Region } = {}): Buffer {
	const { width = 640, height = 480, frames = 10 } = options;
	const image = PNG.sync.read(png);
	const gray = new Uint8Array(image.width * image.height);
	for (let i = 0; i < gray.length; i++) {
		const [r = 255, g = 255, b = 255, a = 255] = image.data.subarray(i * 4, i * 4 + 4);
		const value = 0.299 * r + 0.587 * g + 0.114 * b;
		gray[i] = Math.round((value * a + 255 * (255 - a)) / 255); // composite over white
	}
	const region = options.region ?? darkBounds(gray, image.width, image.height);
	const scale = height / 2 / Math.max(region.width, region.height);
	const outW = Math.round(region.width * scale);
	const outH = Math.round(region.height * scale);
	const left = Math.floor((width - outW) / 2);
	const top = Math.floor((height - outH) / 2);
	const luma = new Uint8Array(width * height).fill(LIGHT);
	for (let y = 0; y < outH; y++) {
		for (let x = 0; x < outW; x++) {
			// Average the source pixels under this output pixel (or take the nearest when enlarging).
			const sx0 = region.x + x / scale;
			const sy0 = region.y + y / scale;
			const sx1 = Math.max(sx0 + 1, region.x + (x + 1) / scale);
			const sy1 = Math.max(sy0 + 1, region.y + (y + 1) / scale);
			let sum = 0;
			let count = 0;
			for (let sy = Math.floor(sy0); sy < Math.floor(sy1); sy++) {
				for (let sx = Math.floor(sx0); sx < Math.floor(sx1); sx++) {
					if (sx < 0 || sy < 0 || sx >= image.width || sy >= image.height) continue;
					sum += gray[sy * image.width + sx] ?? 255;
					count++;
				}
			}
			const value = count ? sum / count : 255;
			luma[(top + y) * width + left + x] = Math.round(DARK + (value * (LIGHT - DARK)) / 255);
		}
	}
	return lumaToY4m(luma, width, height, frames);
}

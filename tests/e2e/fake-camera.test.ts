// Proves the fake camera before any swap test relies on it: a Y4M video made by tests/support/y4m.ts
// is presented by Chromium as the camera, and html5-qrcode (the scanner the app uses) reads the
// exact text back, both for a code drawn from text and for a screenshot of a code on a page.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderSVG } from 'uqr';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { encodeSwapCode } from '../../src/lib/domain/swap-payload';
import { launchBrowser } from '../support/browser';
import { pngToY4m, qrToY4m } from '../support/y4m';

type Html5QrcodeLibrary = typeof import('html5-qrcode');

const SCANNER_SCRIPT = createRequire(import.meta.url).resolve('html5-qrcode/html5-qrcode.min.js');
const folder = mkdtempSync(join(tmpdir(), 'tend-fake-camera-'));

afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** A maximum-size swap code, as a phone would show it. */
function maxSizeCode(): string {
	const token = `abcdefghij12345.1.${Math.floor(Date.now() / 1000 + 86_400).toString(36)}.AbCdEfGhIjKlMnOpQrSt_-`;
	const result = encodeSwapCode('https://tend.example.org', token, {
		name: 'Zoë Ångström-Łukasiewicz 😀 '.repeat(4),
		headline: 'Organiser of the robotics & hardware meetup, 100% volunteer'.repeat(2),
		company: 'Acme ~ Widgets, Inc.'.repeat(4)
	});
	if (!result.ok) throw new Error(result.message);
	return result.value;
}

/** Starts Chromium with `video` as its camera and returns the first text html5-qrcode reads. */
async function readWithFakeCamera(video: Buffer, name: string): Promise<string> {
	const file = join(folder, name);
	writeFileSync(file, video);
	const browser = await launchBrowser({
		baseURL: inject('pbUrl'),
		fakeCameraFile: file,
		viewport: { width: 800, height: 700 }
	});
	try {
		const page = await browser.newPage();
		// Any page of the loopback origin is a secure context, so getUserMedia is allowed.
		await page.goto('/api/health');
		await page.setContent('<main><div id="reader" style="width: 640px"></div></main>');
		await page.addScriptTag({ path: SCANNER_SCRIPT });
		return await page.evaluate(
			() =>
				new Promise<string>((resolve, reject) => {
					const library = (globalThis as unknown as { __Html5QrcodeLibrary__: Html5QrcodeLibrary })
						.__Html5QrcodeLibrary__;
					const scanner = new library.Html5Qrcode('reader', false);
					const timer = setTimeout(() => reject(new Error('no code read in 30 s')), 30_000);
					scanner
						.start(
							{ facingMode: 'environment' },
							{ fps: 10, qrbox: { width: 300, height: 300 } },
							(text) => {
								clearTimeout(timer);
								scanner.stop().then(
									() => resolve(text),
									() => resolve(text)
								);
							},
							() => undefined
						)
						.catch(reject);
				})
		);
	} finally {
		await browser.close();
	}
}

/** Splits a Y4M file into its header and its frames' planes, checking the layout on the way. */
function parseY4m(file: Buffer): { header: string; frames: { y: Buffer; uv: Buffer }[] } {
	const end = file.indexOf(0x0a);
	const header = file.subarray(0, end).toString('ascii');
	const [, w = '0', h = '0'] = /W(\d+) H(\d+)/.exec(header) ?? [];
	const [width, height] = [Number(w), Number(h)];
	const frames: { y: Buffer; uv: Buffer }[] = [];
	let at = end + 1;
	while (at < file.length) {
		expect(file.subarray(at, at + 6).toString('ascii')).toBe('FRAME\n');
		at += 6;
		frames.push({
			y: file.subarray(at, at + width * height),
			uv: file.subarray(at + width * height, at + (width * height * 3) / 2)
		});
		at += (width * height * 3) / 2;
	}
	expect(at).toBe(file.length);
	return { header, frames };
}

describe('the Y4M files', () => {
	it('have the header, frame markers, neutral chroma and a code about half the frame high', () => {
		const { header, frames } = parseY4m(qrToY4m(maxSizeCode(), { frames: 3 }));
		expect(header).toBe('YUV4MPEG2 W640 H480 F10:1 Ip A1:1 C420jpeg');
		expect(frames).toHaveLength(3);
		const [frame] = frames;
		if (!frame) return;
		expect(new Set(frame.uv)).toEqual(new Set([128]));
		expect(new Set(frame.y)).toEqual(new Set([16, 235]));
		const darkRows = [...Array(480).keys()].filter((y) =>
			frame.y.subarray(y * 640, (y + 1) * 640).includes(16)
		);
		const codeHeight = (darkRows.at(-1) ?? 0) - (darkRows[0] ?? 0) + 1;
		expect(codeHeight).toBeGreaterThan(480 * 0.4);
		expect(codeHeight).toBeLessThanOrEqual(480 * 0.5);
		expect((darkRows[0] ?? 0) + codeHeight / 2).toBeCloseTo(240, -1);
	});
});

describe('the fake camera', () => {
	it('shows a code drawn from text, and html5-qrcode reads it exactly', async () => {
		const code = maxSizeCode();
		expect(await readWithFakeCamera(qrToY4m(code), 'drawn.y4m')).toBe(code);
	});

	it('shows a screenshot of an on-screen code, and html5-qrcode reads it exactly', async () => {
		const code = maxSizeCode();
		const browser = await launchBrowser({ baseURL: inject('pbUrl') });
		let png: Buffer;
		try {
			const page = await browser.newPage();
			await page.setContent(
				`<figure style="margin: 40px"><div id="code" style="width: 220px">${renderSVG(code, { ecc: 'M' })}</div>` +
					'<figcaption>Zoë Ångström</figcaption></figure>'
			);
			await page.locator('#code svg').evaluate((svg) => svg.setAttribute('width', '100%'));
			png = await page.locator('#code').screenshot();
		} finally {
			await browser.close();
		}
		expect(await readWithFakeCamera(pngToY4m(png), 'screenshot.y4m')).toBe(code);
	});
});

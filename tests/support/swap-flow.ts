// Shared steps of the swap end-to-end tests, done as a person does them in the real app (found by
// role and label): sign up and make a card, show my code, read the code back from what is on the
// screen, launch a second person's Chromium whose camera films a given code, and reach the server
// as a signed-in page would (its PocketBase token from localStorage).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { launchBrowser, uniqueEmail, type Browser, type LaunchOptions } from './browser';

type Html5QrcodeLibrary = typeof import('html5-qrcode');

export const PASSWORD = 'a long enough password';
const SCANNER_SCRIPT = createRequire(import.meta.url).resolve('html5-qrcode/html5-qrcode.min.js');
const SECOND_DECODER_SCRIPT = createRequire(import.meta.url).resolve('jsqr/dist/jsQR.js');
type JsQr = typeof import('jsqr').default;
const WAIT = { timeout: 30_000 };

export interface CardText {
	name: string;
	headline?: string;
	company?: string;
}

/** Signs up a new person in the page, saves their card and waits until it has reached the server. */
export async function signUpWithCard(page: Page, card: CardText): Promise<{ email: string }> {
	const email = uniqueEmail(card.name.split(' ')[0]?.toLowerCase() ?? 'person');
	await page.goto('/signup');
	await page.getByLabel('Email').fill(email);
	await page.getByLabel('Password').fill(PASSWORD);
	await page.getByRole('button', { name: 'Create account' }).click();
	await page.waitForURL('**/me', WAIT);
	const field = (name: string) => page.getByRole('textbox', { name, exact: true });
	await field('Name').fill(card.name);
	if (card.headline) await field('Headline').fill(card.headline);
	if (card.company) await field('Company').fill(card.company);
	await page.getByRole('button', { name: 'Save my card' }).click();
	await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor(WAIT);
	await waitForSynced(page);
	return { email };
}

/** Waits until the header says everything reached the server. */
export async function waitForSynced(page: Page): Promise<void> {
	await page
		.getByRole('status')
		.filter({ hasText: /^Synced$/ })
		.waitFor(WAIT);
}

/** Opens a section from the app's navigation (Swap, People, Follow-ups, Events, Me). */
export async function openSection(page: Page, name: string): Promise<void> {
	await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name }).click();
	await page.waitForURL(`**${name === 'Me' ? '/me' : `/${name.toLowerCase()}`}`, WAIT);
}

/** Opens Swap → My code and returns a PNG of the QR code element as it is drawn on screen. */
export async function showMyCode(page: Page, name: string): Promise<Buffer> {
	await openSection(page, 'Swap');
	await page.getByRole('tab', { name: 'My code' }).click();
	const code = page.getByRole('img', { name: `Tend code for ${name}` });
	await code.waitFor(WAIT);
	return code.screenshot();
}

/** The text of my code as a camera reads it (see showReadableCode), to type or open as a link. */
export async function codeText(page: Page, name: string): Promise<string> {
	return (await showReadableCode(page, name)).text;
}

/**
 * Shows my code and returns its text and a screenshot, replacing the code ("Rotate my code") when
 * html5-qrcode cannot read it: ZXing-js misses about 3 in 100 perfectly drawn version-7 codes (see
 * `npm run bench` → bench-scan), and a still video of such a code would never scan. Deterministic
 * tests need a code the scanner reads; the figure itself is reported by the bench.
 */
export async function showReadableCode(
	page: Page,
	name: string
): Promise<{ text: string; png: Buffer }> {
	for (let attempt = 0; attempt < 6; attempt++) {
		const text = await readShownCode(page, name);
		if (text !== null) return { text, png: await showMyCode(page, name) };
		await showMyCode(page, name);
		const code = page.getByRole('img', { name: `Tend code for ${name}` });
		const before = await code.evaluate((el) => el.outerHTML);
		await page.getByRole('button', { name: 'Rotate my code' }).click();
		await page.getByRole('button', { name: 'Replace my code' }).click();
		await expect.poll(() => code.evaluate((el) => el.outerHTML), WAIT).not.toBe(before);
	}
	throw new Error(`html5-qrcode could not read any of six codes of ${name}`);
}

/** The text html5-qrcode reads from my code on the page (see readQrCode), or null. */
async function readShownCode(page: Page, name: string): Promise<string | null> {
	await showMyCode(page, name);
	return readQrCode(page, page.getByRole('img', { name: `Tend code for ${name}` }));
}

/**
 * The text html5-qrcode reads from a QR code drawn on the page (its SVG, rendered at a whole
 * number of pixels per module, in a scratch page of the same browser), or null when it reads none.
 * With `withSecondDecoder`, a code html5-qrcode misses is read by jsQR as well, as the app's own
 * scanner does (ZXing-js misses some perfectly drawn codes: a poster's code is random per event).
 */
export async function readQrCode(
	page: Page,
	image: Locator,
	{ withSecondDecoder = false } = {}
): Promise<string | null> {
	const svg = await image.evaluate((el) => el.outerHTML);
	const scratch = await page.context().newPage();
	try {
		await scratch.goto('/api/health');
		await scratch.setContent('<div id="reader"></div>');
		await scratch.addScriptTag({ path: SCANNER_SCRIPT });
		if (withSecondDecoder) await scratch.addScriptTag({ path: SECOND_DECODER_SCRIPT });
		return await scratch.evaluate(
			async ({ markup, withSecondDecoder }) => {
				const library = (globalThis as unknown as { __Html5QrcodeLibrary__: Html5QrcodeLibrary })
					.__Html5QrcodeLibrary__;
				const modules = Number(/viewBox="0 0 (\d+)/.exec(markup)?.[1] ?? 0);
				for (const pixelsPerModule of [8, 6, 10, 5, 12]) {
					const side = modules * pixelsPerModule;
					const sized = markup.replace(
						'<svg',
						`<svg xmlns="http://www.w3.org/2000/svg" width="${side}" height="${side}"`
					);
					const file = new File([sized], 'code.svg', { type: 'image/svg+xml' });
					try {
						return await new library.Html5Qrcode('reader', false).scanFile(file, false);
					} catch {
						// not read at this size: try the next one
					}
				}
				if (!withSecondDecoder) return null;
				const side = modules * 8;
				const image = new Image();
				image.src = URL.createObjectURL(
					new Blob(
						[
							markup.replace(
								'<svg',
								`<svg xmlns="http://www.w3.org/2000/svg" width="${side}" height="${side}"`
							)
						],
						{ type: 'image/svg+xml' }
					)
				);
				await image.decode();
				const canvas = document.createElement('canvas');
				canvas.width = side;
				canvas.height = side;
				const context = canvas.getContext('2d');
				if (!context) return null;
				context.fillStyle = '#fff';
				context.fillRect(0, 0, side, side);
				context.drawImage(image, 0, 0);
				const { data } = context.getImageData(0, 0, side, side);
				const jsQR = (globalThis as unknown as { jsQR: JsQr }).jsQR;
				return jsQR(data, side, side, { inversionAttempts: 'dontInvert' })?.data ?? null;
			},
			{ markup: svg, withSecondDecoder }
		);
	} finally {
		await scratch.close();
	}
}

/** A browser whose camera films `video` (a Y4M file); closing it removes the file too. */
export async function launchWithCamera(
	video: Buffer,
	options: Omit<LaunchOptions, 'fakeCameraFile'>
): Promise<Browser> {
	const folder = mkdtempSync(join(tmpdir(), 'tend-camera-'));
	const file = join(folder, 'camera.y4m');
	writeFileSync(file, video);
	const browser = await launchBrowser({ ...options, fakeCameraFile: file });
	return {
		...browser,
		close: async () => {
			await browser.close();
			rmSync(folder, { recursive: true, force: true });
		}
	};
}

/** Swap → Scan → "Camera not working?" → types the link and uses it. */
export async function typeLink(page: Page, text: string): Promise<void> {
	await page.getByRole('tab', { name: 'Scan' }).click();
	const details = page.locator('details').filter({ hasText: 'Camera not working?' });
	if (!(await details.evaluate((el) => el.hasAttribute('open')))) {
		await page.getByText('Camera not working?').click();
	}
	await page.getByLabel('Paste or type the link').fill(text);
	await page.getByRole('button', { name: 'Use this link' }).click();
}

/** Writes the memory note after "You met <name>" and taps Done. */
export async function writeMemoryNote(
	page: Page,
	name: string,
	note: { talkedAbout: string; help?: string; promise?: string }
): Promise<void> {
	await page.getByRole('heading', { name: `You met ${name}` }).waitFor(WAIT);
	await page.getByLabel(`What did you talk about with ${name}?`).fill(note.talkedAbout);
	if (note.help) await page.getByLabel('How can you help them?').fill(note.help);
	if (note.promise) await page.getByLabel('What did you promise? (optional)').fill(note.promise);
	await page.getByRole('button', { name: 'Done' }).click();
	await page.getByRole('heading', { name: `You met ${name}` }).waitFor({ state: 'detached' });
}

/** The People list's link to a person (its accessible name starts with their name). */
export function personLink(page: Page, name: string): Locator {
	const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	return page.getByRole('main').getByRole('link', { name: new RegExp(`^${escaped}`) });
}

/** The PocketBase auth token the signed-in page holds (the SDK keeps it in localStorage). */
export async function pageToken(page: Page): Promise<string> {
	const token = await page.evaluate(() => {
		const storage = (
			globalThis as unknown as { localStorage: { getItem: (k: string) => string | null } }
		).localStorage;
		const raw = storage.getItem('pocketbase_auth');
		return raw ? (JSON.parse(raw) as { token?: string }).token : undefined;
	});
	if (!token) throw new Error('the page is not signed in');
	return token;
}

/** Lists every record of a collection the token may read, straight from the server. */
export async function listAs<T = Record<string, unknown>>(
	baseUrl: string,
	token: string,
	collection: string
): Promise<T[]> {
	const res = await fetch(`${baseUrl}/api/collections/${collection}/records?perPage=200`, {
		headers: { authorization: token }
	});
	if (!res.ok) throw new Error(`list ${collection}: ${res.status} ${await res.text()}`);
	return ((await res.json()) as { items: T[] }).items;
}

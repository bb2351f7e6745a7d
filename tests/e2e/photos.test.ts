// Photos as people see them: a holder sees the photo on the person's page (fetched with their auth,
// kept for offline use); once the owner stops sharing, a fresh load shows the initials instead and
// the kept copy is gone. My own card editor shows my photo; a stranger sees it on the public card
// page through the code.
import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';
import { PNG } from 'pngjs';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { encodeSwapCode } from '../../src/lib/domain/swap-payload';
import { launchBrowser, type Browser } from '../support/browser';
import { call, newPerson, swap, tokenOf, type Person } from '../support/pb-harness';
import { openSection, personLink } from '../support/swap-flow';

const PASSWORD = 'correct-horse-battery'; // the harness's password for the people it makes
const WAIT = { timeout: 30_000 };

/** A 400×400 PNG: a warm disc on a cool background, so it is plainly a picture. */
function portrait(): Buffer {
	const size = 400;
	const image = new PNG({ width: size, height: size });
	for (let y = 0; y < size; y++) {
		for (let x = 0; x < size; x++) {
			const i = (y * size + x) * 4;
			const isDisc = (x - 200) ** 2 + (y - 170) ** 2 < 110 ** 2;
			image.data[i] = isDisc ? 230 : 60;
			image.data[i + 1] = isDisc ? 170 : 110 + (y >> 3);
			image.data[i + 2] = isDisc ? 120 : 160;
			image.data[i + 3] = 255;
		}
	}
	return PNG.sync.write(image);
}

/** A person (made through the SDK) whose card has a photo. */
async function personWithPhoto(label: string): Promise<Person> {
	const person = await newPerson(label);
	const form = new FormData();
	form.set('photo', new File([new Uint8Array(portrait())], 'portrait.png', { type: 'image/png' }));
	await person.pb.collection('cards').update(person.cardId, form);
	return person;
}

/** Signs in through the app's own page (a person with a card lands on Swap). */
async function signIn(page: Page, who: Person): Promise<void> {
	await page.goto('/signin');
	await page.getByLabel('Email').fill(who.email);
	await page.getByLabel('Password').fill(PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL('**/swap', WAIT);
}

/** Waits until the image is drawn (decoded, with real pixels). */
async function waitForDrawn(page: Page, name: string): Promise<void> {
	const img = page.getByRole('img', { name, exact: true });
	await img.waitFor(WAIT);
	await expect
		.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth), WAIT)
		.toBeGreaterThan(0);
}

/** How many photos the page's origin keeps for offline use. */
async function keptPhotos(page: Page): Promise<number> {
	return page.evaluate(async () => (await (await caches.open('tend-photos-v1')).keys()).length);
}

describe('photos', () => {
	const open: Browser[] = [];
	const launch = async (allowedErrors: RegExp[] = []) => {
		const browser = await launchBrowser({ baseURL: inject('pbUrl'), allowedErrors });
		open.push(browser);
		return browser;
	};

	afterEach(async () => {
		await Promise.all(open.splice(0).map((b) => b.close()));
	});

	it('a holder sees the photo; once revoked, a fresh load shows the initials', async () => {
		const ann = await personWithPhoto('ann');
		const bob = await newPerson('bob');
		const reply = await swap(bob, ann);
		expect(reply.status).toBe(200);
		const bobsConnection = (reply.body as { connection: { id: string } }).connection.id;

		// The refusal after revoking is expected: Chromium logs every failed fetch.
		const browser = await launch([/status of 404/]);
		const page = await browser.newPage();
		await signIn(page, bob);
		await openSection(page, 'People');
		await personLink(page, 'ann name').click();
		await page.getByRole('heading', { level: 1, name: 'ann name' }).waitFor(WAIT);
		await waitForDrawn(page, 'Photo of ann name');
		expect(await keptPhotos(page)).toBe(1);
		// Saving her contact carries the photo I may see.
		const [file] = await Promise.all([
			page.waitForEvent('download', WAIT),
			page.getByRole('button', { name: 'Save contact (.vcf)' }).click()
		]);
		const vcard = new ICAL.Component(ICAL.parse(readFileSync(await file.path(), 'utf8')) as never);
		expect(vcard.getFirstPropertyValue('fn')).toBe('ann name');
		expect(vcard.getFirstProperty('photo')).not.toBeNull();

		const revoke = await call(ann, 'POST', `/api/tend/holders/${bobsConnection}`, {
			revoked: true
		});
		expect(revoke.status).toBe(200);
		await page.reload();
		await page.getByText('ann name stopped sharing their card.').waitFor(WAIT);
		await page.getByText('AN', { exact: true }).waitFor(WAIT);
		await expect.poll(() => keptPhotos(page), WAIT).toBe(0);
		expect(await page.getByRole('img', { name: 'Photo of ann name' }).count()).toBe(0);
		expect(browser.errors).toEqual([]);
	});

	it('my card editor shows my photo, and a stranger sees it on my public card page', async () => {
		const ann = await personWithPhoto('ann');
		const mine = await launch();
		const page = await mine.newPage();
		await signIn(page, ann);
		await openSection(page, 'Me');
		await waitForDrawn(page, 'You, on your card');
		await page.getByRole('button', { name: 'Remove photo' }).waitFor(WAIT);

		const code = encodeSwapCode(inject('pbUrl'), await tokenOf(ann), {
			name: 'ann name',
			headline: 'ann headline',
			company: 'ann company'
		});
		if (!code.ok) throw new Error(code.message);
		const stranger = await launch();
		const publicPage = await stranger.newPage();
		await publicPage.goto(code.value);
		await publicPage.getByRole('heading', { level: 1, name: 'ann name' }).waitFor(WAIT);
		await waitForDrawn(publicPage, 'Photo of ann name');
		expect(await keptPhotos(publicPage)).toBe(0);
		expect(mine.errors).toEqual([]);
		expect(stranger.errors).toEqual([]);
	});
});

// The fallback for cameras that fail: a photo of someone's code (here, a screenshot of A's screen)
// chosen with "Scan from a photo" becomes a contact, like a camera scan. A hostile photo gets a
// sentence and leaves the scanner working for the next code.
import { afterEach, describe, expect, inject, it } from 'vitest';
import { encodeSwapCode } from '../../src/lib/domain/swap-payload';
import { launchBrowser, type Browser } from '../support/browser';
import { newPerson, tokenOf } from '../support/pb-harness';
import { qrToPng } from '../support/qr-png';
import {
	openSection,
	personLink,
	showMyCode,
	signUpWithCard,
	waitForSynced,
	writeMemoryNote
} from '../support/swap-flow';

const WAIT = { timeout: 30_000 };

describe('scanning from a photo', () => {
	const browsers: Browser[] = [];

	afterEach(async () => {
		await Promise.all(browsers.splice(0).map((b) => b.close()));
	});

	it('reads the code in a photo and opens the memory note', async () => {
		const suffix = Math.random().toString(36).slice(2, 6);
		const annName = `Ann Photo ${suffix}`;
		const [ann, bob] = await Promise.all([
			launchBrowser({ baseURL: inject('pbUrl') }),
			launchBrowser({ baseURL: inject('pbUrl') })
		]);
		browsers.push(ann, bob);
		const annPage = await ann.newPage();
		const bobPage = await bob.newPage();
		await signUpWithCard(annPage, { name: annName });
		const photo = await showMyCode(annPage, annName);

		await signUpWithCard(bobPage, { name: `Bob Photo ${suffix}` });
		await bobPage
			.getByRole('navigation', { name: 'Sections' })
			.getByRole('link', { name: 'Swap' })
			.click();
		await bobPage.getByRole('tab', { name: 'Scan' }).click();
		await bobPage.getByText('Camera not working?').click();
		await bobPage
			.getByLabel('Scan from a photo')
			.setInputFiles({ name: 'code.png', mimeType: 'image/png', buffer: photo });

		await bobPage.getByRole('heading', { name: `You met ${annName}` }).waitFor({ timeout: 30_000 });
		await writeMemoryNote(bobPage, annName, { talkedAbout: 'Photos of codes' });
		expect(ann.errors).toEqual([]);
		expect(bob.errors).toEqual([]);
	});

	it('refuses a photo of a code at an impossible address, then still scans a good code', async () => {
		const suffix = Math.random().toString(36).slice(2, 6);
		const carlaName = `Carla Photo ${suffix}`;
		const carla = await newPerson(`carla${suffix}`, { name: carlaName });
		const good = encodeSwapCode(inject('pbUrl'), await tokenOf(carla), {
			name: carlaName,
			headline: '',
			company: ''
		});
		if (!good.ok) throw new Error(good.message);
		// Passes the code's origin pattern, but no URL parser accepts port 99999.
		const hostile = good.value.replace(inject('pbUrl'), 'http://127.0.0.1:99999');
		expect(hostile).not.toBe(good.value);

		const dan = await launchBrowser({ baseURL: inject('pbUrl') });
		browsers.push(dan);
		const page = await dan.newPage();
		await signUpWithCard(page, { name: `Dan Photo ${suffix}` });
		await openSection(page, 'Swap');
		await page.getByRole('tab', { name: 'Scan' }).click();
		await page.getByText('Camera not working?').click();
		const photo = page.getByLabel('Scan from a photo');
		const choose = (text: string) =>
			photo.setInputFiles({ name: 'code.png', mimeType: 'image/png', buffer: qrToPng(text) });

		await choose(hostile);
		await page
			.getByRole('alert')
			.filter({ hasText: 'This code points at a web address that cannot exist' })
			.waitFor(WAIT);

		await choose(good.value);
		await writeMemoryNote(page, carlaName, { talkedAbout: 'Hostile codes' });
		expect(await page.getByRole('alert').count()).toBe(0);
		await openSection(page, 'People');
		await personLink(page, carlaName).waitFor(WAIT);
		await waitForSynced(page);
		expect(dan.errors).toEqual([]);
	});
});

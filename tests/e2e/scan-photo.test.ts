// The fallback for cameras that fail: a photo of someone's code (here, a screenshot of A's screen)
// chosen with "Scan from a photo" becomes a contact, like a camera scan.
import { afterEach, describe, expect, inject, it } from 'vitest';
import { launchBrowser, type Browser } from '../support/browser';
import { showMyCode, signUpWithCard, writeMemoryNote } from '../support/swap-flow';

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
});

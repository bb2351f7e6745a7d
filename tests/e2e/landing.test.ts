// Where signing in lands: Swap (my code on screen) for a person who has a card; the card editor for
// one who has none yet, whose "Show my code" after saving then leads to Swap. On a fresh browser,
// as on a new device: nothing has synced before signing in.
import { afterEach, describe, expect, inject, it } from 'vitest';
import { launchBrowser, type Browser } from '../support/browser';
import { newPerson, newUser } from '../support/pb-harness';

const PASSWORD = 'correct-horse-battery'; // the harness's password for the people it makes
const WAIT = { timeout: 30_000 };
const VIEWPORTS = [
	{ width: 360, height: 640 },
	{ width: 390, height: 844 }
];

describe('where signing in lands', () => {
	let browser: Browser | undefined;

	afterEach(async () => {
		await browser?.close();
		browser = undefined;
	});

	it.each(VIEWPORTS)('with a card: Swap, showing my code ($width×$height)', async (viewport) => {
		const cy = await newPerson('cy', { name: 'Cy Example' });
		browser = await launchBrowser({ baseURL: inject('pbUrl'), viewport });
		const page = await browser.newPage();
		await page.goto('/signin');
		await page.getByLabel('Email').fill(cy.email);
		await page.getByLabel('Password').fill(PASSWORD);
		await page.getByRole('button', { name: 'Sign in' }).click();
		await page.waitForURL('**/swap', WAIT);
		await page.getByRole('img', { name: 'Tend code for Cy Example' }).waitFor(WAIT);
		expect(new URL(page.url()).pathname).toBe('/swap');
		expect(browser.errors).toEqual([]);
	});

	it.each(VIEWPORTS)(
		'without a card: the editor, then "Show my code" after saving ($width×$height)',
		async (viewport) => {
			const di = await newUser('di');
			browser = await launchBrowser({ baseURL: inject('pbUrl'), viewport });
			const page = await browser.newPage();
			await page.goto('/signin');
			await page.getByLabel('Email').fill(di.email);
			await page.getByLabel('Password').fill(PASSWORD);
			await page.getByRole('button', { name: 'Sign in' }).click();
			await page.waitForURL('**/me', WAIT);
			await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Di Example');
			await page.getByRole('button', { name: 'Save my card' }).click();
			await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor(WAIT);
			await page.getByRole('link', { name: 'Show my code' }).click();
			await page.waitForURL('**/swap', WAIT);
			await page.getByRole('img', { name: 'Tend code for Di Example' }).waitFor(WAIT);
			expect(new URL(page.url()).pathname).toBe('/swap');
			expect(browser.errors).toEqual([]);
		}
	);
});

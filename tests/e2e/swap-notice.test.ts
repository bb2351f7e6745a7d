// Both people know it happened: when someone scans my code, my app (open on another screen) says
// "‹their name› saved your card — add a note?", and that opens my memory note for them. Offline,
// the notice comes after the next sync; a notice is never shown twice, not even after a reload.
// The Swap screen lists today's swaps with their note status.
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { accessibilityReport, ALL_CLEAR } from '../support/a11y';
import { keepShot, launchBrowser, type Browser } from '../support/browser';
import { newPerson, swap, type Person } from '../support/pb-harness';
import { openSection, waitForSynced } from '../support/swap-flow';

const PASSWORD = 'correct-horse-battery'; // the harness's password for the people it makes
const WAIT = { timeout: 30_000 };

/** Signs a harness person in and waits until their device has synced once. */
async function signIn(page: Page, who: Person): Promise<void> {
	await page.goto('/signin');
	await page.getByLabel('Email').fill(who.email);
	await page.getByLabel('Password').fill(PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'), WAIT);
	await waitForSynced(page);
}

/** The notice about `name`, inside the notices' live region. */
function noticeAbout(page: Page, name: string) {
	return page
		.getByRole('status', { name: 'Swap notices' })
		.getByRole('link', { name: `${name} saved your card — add a note?`, exact: true });
}

/** `scanner` scans `scanned`'s current code, through the API as their device would. */
async function swapWith(scanner: Person, scanned: Person): Promise<void> {
	const reply = await swap(scanner, scanned);
	expect(reply.status).toBe(200);
}

describe.each([
	{ width: 360, height: 640 },
	{ width: 390, height: 844 }
])('the "saved your card" notice at $width×$height', (viewport) => {
	let browser: Browser | null = null;
	const size = `${viewport.width}x${viewport.height}`;

	afterEach(async () => {
		await browser?.close();
		browser = null;
	});

	it('tells me on another screen, opens my note for them, never repeats', async () => {
		const [ann, bob, cat] = await Promise.all([
			newPerson('ann'),
			newPerson('bob'),
			newPerson('cat')
		]);
		browser = await launchBrowser({ baseURL: inject('pbUrl'), viewport });
		const page = await browser.newPage();
		await signIn(page, ann);
		await openSection(page, 'People');

		await swapWith(bob, ann);
		const notice = noticeAbout(page, 'bob name');
		await notice.waitFor(WAIT);
		expect(page.url()).toMatch(/\/people$/); // it came to me where I was
		expect(await accessibilityReport(page)).toEqual(ALL_CLEAR);
		await keepShot(page, `notice-${size}`);

		await notice.click();
		await page.waitForURL(/\/people\/[a-z0-9]{15}\?note$/, WAIT);
		const field = page.getByRole('textbox', { name: 'What did you talk about with bob name?' });
		await expect.poll(() => field.evaluate((el) => el === document.activeElement), WAIT).toBe(true);
		expect(await noticeAbout(page, 'bob name').count()).toBe(0);
		await keepShot(page, `note-opened-${size}`);

		// After a reload, a new swap is announced, and bob's (still without a note) is not again.
		await page.reload();
		await waitForSynced(page);
		await swapWith(cat, ann);
		await noticeAbout(page, 'cat name').waitFor(WAIT);
		expect(await noticeAbout(page, 'bob name').count()).toBe(0);

		// The Swap screen lists both, with their note status; a note written elsewhere shows.
		await page.getByRole('button', { name: 'Dismiss: cat name saved your card' }).click();
		expect(await noticeAbout(page, 'cat name').count()).toBe(0);
		await openSection(page, 'Swap');
		const today = page.getByRole('region', { name: "Today's swaps" });
		await today.getByRole('link', { name: 'Add a note for bob name' }).waitFor(WAIT);
		await today.getByRole('link', { name: 'Add a note for cat name' }).waitFor(WAIT);
		const catsLink = await today
			.getByRole('link', { name: 'Add a note for cat name' })
			.getAttribute('href');
		const catsConnection = /\/people\/([a-z0-9]{15})\?note$/.exec(catsLink ?? '')?.[1] ?? '';
		await ann.pb
			.collection('connections')
			.update(catsConnection, { memoryNote: 'Met at the coffee line', needsNote: false });
		await today
			.getByRole('listitem')
			.filter({ hasText: 'cat name' })
			.getByText('Note written')
			.waitFor(WAIT);
		expect(await today.getByRole('listitem').count()).toBe(2);
		await today.scrollIntoViewIfNeeded();
		await keepShot(page, `today-${size}`);

		await today.getByRole('link', { name: 'Add a note for bob name' }).click();
		await page.waitForURL(/\/people\/[a-z0-9]{15}\?note$/, WAIT);
		await expect.poll(() => field.evaluate((el) => el === document.activeElement), WAIT).toBe(true);
		expect(browser.errors).toEqual([]);
	});

	it('tells me after the next sync about the swaps made while I was offline', async () => {
		const [ann, dan, eve] = await Promise.all([
			newPerson('ann'),
			newPerson('dan'),
			newPerson('eve')
		]);
		browser = await launchBrowser({
			baseURL: inject('pbUrl'),
			viewport,
			// While offline every request the app tries fails; that is the point of this test.
			allowedErrors: [/ERR_INTERNET_DISCONNECTED/]
		});
		const page = await browser.newPage();
		await signIn(page, ann);
		await openSection(page, 'People');

		await browser.context.setOffline(true);
		await page
			.getByRole('status')
			.filter({ hasText: /^Offline/ })
			.waitFor(WAIT);
		await swapWith(dan, ann);
		await swapWith(eve, ann);
		expect(await noticeAbout(page, 'dan name').count()).toBe(0);

		// Both arrive with the sync that follows, stacked in the order the swaps were made.
		await browser.context.setOffline(false);
		await noticeAbout(page, 'eve name').waitFor(WAIT);
		const notices = page.getByRole('status', { name: 'Swap notices' }).getByRole('link');
		expect(await notices.allTextContents()).toEqual([
			'dan name saved your card — add a note?',
			'eve name saved your card — add a note?'
		]);
		await keepShot(page, `notices-stacked-${size}`);
		await noticeAbout(page, 'dan name').click();
		await page.waitForURL(/\/people\/[a-z0-9]{15}\?note$/, WAIT);
		await page
			.getByRole('textbox', { name: 'What did you talk about with dan name?' })
			.waitFor(WAIT);
		expect(browser.errors.filter((e) => !/ERR_INTERNET_DISCONNECTED/.test(e))).toEqual([]);
	});
});

// iOS Safari clears the data of a site not opened for a week; the home-screen app keeps it. A
// person on an iPhone (Safari's User-Agent; Chromium has no other way to be one) sees the hint to
// install, after the page and without moving it, can read it by keyboard and screen reader, and
// dismisses it for good. Other browsers never see it.
import { afterEach, describe, expect, inject, it } from 'vitest';
import { ALL_CLEAR, accessibilityReport } from '../support/a11y';
import { keepShot, launchBrowser, type Browser } from '../support/browser';
import { openSection, signUpWithCard } from '../support/swap-flow';

const IPHONE_SAFARI =
	'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 ' +
	'(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';
const HINT = { name: 'Keep Tend on this phone' };

describe('the install hint', () => {
	let browser: Browser;
	afterEach(async () => {
		await browser.close();
	});

	for (const viewport of [
		{ width: 360, height: 640 },
		{ width: 390, height: 844 }
	]) {
		it(`on an iPhone in Safari: after the page, nothing moves when it goes, gone for good (${viewport.width}×${viewport.height})`, async () => {
			browser = await launchBrowser({
				baseURL: inject('pbUrl'),
				viewport,
				userAgent: IPHONE_SAFARI
			});
			const page = await browser.newPage();
			await signUpWithCard(page, { name: 'Ivy Phone' });
			await openSection(page, 'Swap');
			const hint = page.getByRole('complementary', HINT);
			await hint.waitFor({ timeout: 30_000 });
			expect(await hint.textContent()).toContain('Add to Home Screen');
			await keepShot(page, `install-hint-${viewport.width}`);

			// It comes after the page's own content, so the page above it never moves (measured
			// from the top of the document: tapping "Got it" may scroll the window).
			const pageTop = () =>
				page.evaluate(() => {
					const first = document.querySelector('main > :not(.skip)');
					return first ? first.getBoundingClientRect().top + window.scrollY : NaN;
				});
			const isAfterPage = await hint.evaluate((el) => {
				const h1 = document.querySelector('main h1');
				return !!h1 && (h1.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
			});
			expect(isAfterPage).toBe(true);
			const before = await pageTop();
			expect(await accessibilityReport(page)).toEqual(ALL_CLEAR);

			await hint.getByRole('button', { name: 'Got it' }).click();
			await hint.waitFor({ state: 'detached' });
			expect(await pageTop()).toBe(before);

			await page.reload();
			await page.getByRole('heading', { level: 1 }).waitFor();
			await page.waitForTimeout(2500); // past the idle moment it would appear at
			expect(await page.getByRole('complementary', HINT).count()).toBe(0);
			expect(browser.errors).toEqual([]);
		});
	}

	it('Chromium (Android, desktop) never shows it', async () => {
		browser = await launchBrowser({ baseURL: inject('pbUrl') });
		const page = await browser.newPage();
		await signUpWithCard(page, { name: 'Andy Droid' });
		await openSection(page, 'Swap');
		await page.waitForTimeout(2500);
		expect(await page.getByRole('complementary', HINT).count()).toBe(0);
		expect(browser.errors).toEqual([]);
	});
});

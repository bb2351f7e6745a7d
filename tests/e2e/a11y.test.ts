// Every screen a person reaches, at a small phone's size and a common one, checked as an assistive
// technology user would meet it: axe-core finds no violation, no ARIA attribute names a missing
// element, every tap target is at least 44×44 px (see smallTapTargets for what is exempt), and
// tabbing through a person page never puts the focus behind the bottom navigation or a sticky bar.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import PocketBase from 'pocketbase';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { encodeSwapCode } from '../../src/lib/domain/swap-payload';
import { trackRequests } from '../../scripts/lib/network-quiet.js';
import { axeViolations, danglingReferences, smallTapTargets, tabThrough } from '../support/a11y';
import { launchBrowser, uniqueEmail, type Browser } from '../support/browser';
import { newPerson, swap, tokenOf, type Person } from '../support/pb-harness';
import { openSection, PASSWORD, personLink, waitForSynced } from '../support/swap-flow';

const WAIT = { timeout: 30_000 };
const VIEWPORTS = [
	{ width: 360, height: 640 },
	{ width: 390, height: 844 }
];
/** Set TEND_SHOTS_DIR to keep a screenshot of every screen checked (to look at, as a person). */
const SHOTS_DIR = process.env.TEND_SHOTS_DIR;

/** What the checks found on one screen, keyed by the check. */
interface ScreenReport {
	axe: string[];
	aria: string[];
	tapTargets: string[];
}

/** Each page's requests, followed from its first check (the live stream left out). */
const trackers = new WeakMap<Page, ReturnType<typeof trackRequests>>();
function quiet(page: Page): ReturnType<typeof trackRequests> {
	let tracker = trackers.get(page);
	if (!tracker) trackers.set(page, (tracker = trackRequests(page)));
	return tracker;
}

/** Runs every check on the screen as it is now; returns only what failed. */
async function check(
	page: Page,
	screen: string,
	size: string
): Promise<Record<string, ScreenReport>> {
	await quiet(page).waitForQuiet();
	if (SHOTS_DIR) {
		mkdirSync(SHOTS_DIR, { recursive: true });
		await page.screenshot({ path: join(SHOTS_DIR, `${screen}-${size}.png`), fullPage: true });
	}
	const report: ScreenReport = {
		axe: await axeViolations(page),
		aria: await danglingReferences(page),
		tapTargets: await smallTapTargets(page)
	};
	return report.axe.length || report.aria.length || report.tapTargets.length
		? { [screen]: report }
		: {};
}

/** A Person (as the harness knows one) for the user signed in to the page. */
async function personOfPage(page: Page): Promise<Person> {
	const stored = await page.evaluate(() => localStorage.getItem('pocketbase_auth'));
	const { token, record } = JSON.parse(stored ?? '{}') as { token: string; record: { id: string } };
	const pb = new PocketBase(inject('pbUrl'));
	pb.authStore.save(token, null);
	return { pb, id: record.id, email: '', cardId: '' };
}

describe('accessibility of every screen', () => {
	let browser: Browser | undefined;

	afterEach(async () => {
		await browser?.close();
		browser = undefined;
	});

	it('lets the installed app turn with the phone (no orientation lock)', async () => {
		const res = await fetch(`${inject('pbUrl')}/manifest.webmanifest`);
		const manifest = (await res.json()) as { orientation?: string };
		expect(manifest.orientation ?? 'any').toBe('any');
	});

	it.each(VIEWPORTS)(
		'every screen at $width×$height: no axe violation, no dangling ARIA id, no small tap target',
		async (viewport) => {
			const size = `${viewport.width}x${viewport.height}`;
			browser = await launchBrowser({
				baseURL: inject('pbUrl'),
				viewport,
				// The form errors provoked on purpose come back from the server as 400s.
				allowedErrors: [/status of 400/]
			});
			const page = await browser.newPage();
			quiet(page); // follow its requests from the start
			let failures: Record<string, ScreenReport> = {};
			const note = async (screen: string) => {
				failures = { ...failures, ...(await check(page, screen, size)) };
			};
			const bo = await newPerson('bo', {
				name: 'Bo Example',
				headline: 'Runs the robotics meetup'
			});
			const code = encodeSwapCode(inject('pbUrl'), await tokenOf(bo), {
				name: 'Bo Example',
				headline: 'Runs the robotics meetup',
				company: 'bo company'
			});
			if (!code.ok) throw new Error(code.message);

			// Signed out: the public card page from a phone's camera, and a damaged code.
			await page.goto(code.value);
			await page.getByRole('heading', { level: 1, name: 'Bo Example' }).waitFor(WAIT);
			await note('public-card');
			await page.goto(code.value.slice(0, -6));
			await page.reload();
			await page.getByRole('heading', { level: 1 }).waitFor(WAIT);
			await note('public-card-damaged');

			await page.goto('/signin');
			await page.getByRole('button', { name: 'Sign in' }).waitFor(WAIT);
			await note('signin');
			await page.getByRole('button', { name: 'Sign in' }).click();
			await page.getByText('Enter your password.').waitFor(WAIT);
			await note('signin-errors');

			await page.goto('/signup');
			await page.getByLabel('Email').fill(uniqueEmail('ann'));
			await note('signup');
			await page.getByLabel('Password').fill('short');
			await page.getByRole('button', { name: 'Create account' }).click();
			await page.getByText('Use at least 10 characters.').waitFor(WAIT);
			await note('signup-errors');
			await page.getByLabel('Password').fill(PASSWORD);
			await page.getByRole('button', { name: 'Create account' }).click();
			await page.waitForURL('**/me', WAIT);

			await page.getByRole('textbox', { name: 'Name', exact: true }).waitFor(WAIT);
			await note('me-empty');
			await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Ann Example');
			await page.getByRole('textbox', { name: 'Headline', exact: true }).fill('Accessibility lead');
			await page.getByRole('button', { name: 'Save my card' }).click();
			await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor(WAIT);
			await waitForSynced(page);
			await note('me-filled');

			await page.getByRole('link', { name: 'Show my code' }).click();
			await page.waitForURL('**/swap', WAIT);
			await page.getByRole('img', { name: 'Tend code for Ann Example' }).waitFor(WAIT);
			await note('swap-my-code');
			await page.getByRole('tab', { name: 'Scan' }).click();
			await page.getByRole('tabpanel').waitFor(WAIT);
			await note('swap-scan');

			await openSection(page, 'People');
			await page.getByRole('heading', { level: 1 }).waitFor(WAIT);
			await note('people-empty');

			// Bo scans Ann's code (on the server): Ann's device pulls the new contact.
			const reply = await swap(bo, await personOfPage(page));
			expect(reply.status).toBe(200);
			await personLink(page, 'Bo Example').waitFor(WAIT);
			await note('people-one');
			await personLink(page, 'Bo Example').click();
			await page.getByRole('heading', { name: 'Bo Example' }).waitFor(WAIT);
			await note('person');

			await openSection(page, 'Follow-ups');
			await page.getByRole('heading', { level: 1 }).waitFor(WAIT);
			await note('follow-ups');
			await openSection(page, 'Events');
			await page.getByRole('heading', { level: 1 }).waitFor(WAIT);
			await note('events');
			await page.getByRole('button', { name: 'Create an event' }).click();
			await page.getByRole('button', { name: 'Create the event' }).click();
			await page.getByText('Give the event a name.').waitFor(WAIT);
			await note('events-create-errors');
			await page.getByLabel('Name').fill('A11yConf');
			await page.getByRole('button', { name: 'Create the event' }).click();
			await page.getByRole('heading', { level: 1, name: 'A11yConf' }).waitFor(WAIT);
			await page.getByText(/Join code/).waitFor(WAIT);
			await note('event');
			await page.getByRole('link', { name: 'Show the poster' }).click();
			await page.getByRole('img', { name: 'QR code to join A11yConf' }).waitFor(WAIT);
			await note('event-poster');
			const joinCode = (await page.locator('.code').first().innerText()).trim();
			await page.goto(`/join#${joinCode}`);
			await page.getByText('You joined A11yConf').waitFor(WAIT);
			await note('join');

			expect(failures).toEqual({});
			expect(browser.errors).toEqual([]);
		}
	);

	it('tabbing through a person page at 360×640 never hides the focused element', async () => {
		browser = await launchBrowser({ baseURL: inject('pbUrl'), viewport: VIEWPORTS[0] });
		const page = await browser.newPage();
		quiet(page); // follow its requests from the start
		const ann = await newPerson('ann', { name: 'Ann Example' });
		const bo = await newPerson('bo', { name: 'Bo Example' });
		expect((await swap(ann, bo)).status).toBe(200);

		await page.goto('/signin');
		await page.getByLabel('Email').fill(ann.email);
		await page.getByLabel('Password').fill('correct-horse-battery');
		await page.getByRole('button', { name: 'Sign in' }).click();
		await page.waitForURL('**/swap', WAIT);
		await openSection(page, 'People');
		await personLink(page, 'Bo Example').click();
		await page.getByRole('heading', { name: 'Bo Example' }).waitFor(WAIT);
		await page.getByRole('heading', { name: 'Memory note' }).waitFor(WAIT);

		const { visited, hidden } = await tabThrough(page);
		// The walk reached the note's fields, its topic chips, its button and the navigation.
		expect(visited).toEqual(
			expect.arrayContaining([
				'textarea "What did you talk about with Bo Example?"',
				'button "+ Their talk"',
				'button "Save note"',
				expect.stringMatching(/^a ".*Me"$/)
			])
		);
		expect(hidden).toEqual([]);
		expect(browser.errors).toEqual([]);
	});
});

// The public card page, as someone without Tend meets it: their phone's camera opens the link in
// A's code. They see A's card, save it as a vCard that a real parser (ical.js) reads, and send
// their details back, which reach A. A damaged or expired code gets a clear page instead.
import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { encodeSwapCode } from '../../src/lib/domain/swap-payload';
import { axeViolations } from '../support/a11y';
import { launchBrowser, type Browser } from '../support/browser';
import { newPerson, tokenOf } from '../support/pb-harness';
import {
	codeText,
	listAs,
	openSection,
	pageToken,
	personLink,
	signUpWithCard,
	waitForSynced
} from '../support/swap-flow';

const WAIT = { timeout: 30_000 };
const suffix = () => Math.random().toString(36).slice(2, 6);

/** The text of a vCard property as ical.js parsed it (jCard), or undefined. */
function property(vcard: unknown, name: string): string | undefined {
	const [, properties = []] = vcard as [string, [string, unknown, string, unknown][]];
	const value = properties.find(([key]) => key === name)?.[3];
	// ical.js unescapes text by the vCard 4 rule (RFC 6350), which leaves "\;" alone; vCard 3.0
	// (RFC 2426) escapes ";" in every text value, so undo that one escape (as vcard.spec.ts does).
	return typeof value === 'string' ? value.replace(/\\;/g, ';') : undefined;
}

describe('the public card page', () => {
	const open: Browser[] = [];
	const launch = async () => {
		const browser = await launchBrowser({ baseURL: inject('pbUrl') });
		open.push(browser);
		return browser;
	};

	afterEach(async () => {
		await Promise.all(open.splice(0).map((b) => b.close()));
	});

	it('shows A’s card to a stranger, saves a vCard that parses, and the share-back reaches A', async () => {
		// Awkward on purpose: the vCard must escape commas and semicolons and keep the accents.
		const nameA = `Zoë Ångström, PhD; ${suffix()}`;
		const a = await launch();
		const pageA = await a.newPage();
		await signUpWithCard(pageA, {
			name: nameA,
			headline: 'Robotics meetup organiser',
			company: 'Acme, Inc.'
		});
		const link = await codeText(pageA, nameA);
		expect(link).toMatch(new RegExp(`^${inject('pbUrl')}/c#1~`));

		const stranger = await launch();
		const page = await stranger.newPage();
		await page.goto(link);
		await page.getByRole('heading', { level: 1, name: nameA }).waitFor(WAIT);
		await page.getByText('Robotics meetup organiser · Acme, Inc.').waitFor(WAIT);

		const [download] = await Promise.all([
			page.waitForEvent('download', WAIT),
			page.getByRole('button', { name: 'Save contact' }).click()
		]);
		expect(download.suggestedFilename()).toMatch(/\.vcf$/);
		const vcard = ICAL.parse(readFileSync(await download.path(), 'utf8'));
		expect(property(vcard, 'version')).toBe('3.0');
		expect(property(vcard, 'fn')).toBe(nameA);
		expect(property(vcard, 'title')).toBe('Robotics meetup organiser');
		expect(property(vcard, 'org')).toBe('Acme, Inc.');

		const visitor = `Vic Visitor ${suffix()}`;
		const back = page.getByRole('region', { name: 'Send your details back' });
		await back.getByLabel('Your name').fill(visitor);
		await back.getByLabel('Your email').fill('vic@example.org');
		await back.getByLabel('A note (optional)').fill('Loved the robot arm demo');
		await back.getByRole('button', { name: 'Send my details' }).click();
		await back
			.getByRole('status')
			.filter({ hasText: /^Sent\./ })
			.waitFor(WAIT);

		// A finds the visitor among "Sent you their details" and adds them as a contact.
		await openSection(pageA, 'People');
		const inbox = pageA.getByRole('region', { name: 'Sent you their details' });
		await inbox.getByText(visitor, { exact: true }).waitFor(WAIT);
		await inbox.getByText('vic@example.org').waitFor(WAIT);
		await inbox.getByRole('button', { name: `Add ${visitor}` }).click();
		await personLink(pageA, visitor).waitFor(WAIT);
		await inbox.waitFor({ state: 'detached', ...WAIT });

		// On the server too: the share-back is used up and the visitor is a contact without a card.
		await waitForSynced(pageA);
		const token = await pageToken(pageA);
		expect(await listAs(inject('pbUrl'), token, 'share_backs')).toEqual([]);
		const contacts = await listAs<{ card: string; snapshot: { name?: string } }>(
			inject('pbUrl'),
			token,
			'connections'
		);
		expect(contacts.map((c) => [c.card, c.snapshot.name])).toEqual([['', visitor]]);

		expect(a.errors).toEqual([]);
		expect(stranger.errors).toEqual([]);
	});

	it('draws the server’s fuller card without moving the page, and the code’s card when the server is slow', async () => {
		const nameA = `Sam Shift ${suffix()}`;
		const a = await launch();
		const pageA = await a.newPage();
		await signUpWithCard(pageA, { name: nameA, headline: 'Soil scientist' });
		// What only the server's card carries (not the code): it used to push the page down.
		await pageA.getByRole('textbox', { name: 'What I can help with', exact: true }).fill('Compost');
		await pageA.getByRole('button', { name: 'Save my card' }).click();
		await pageA.getByRole('status').filter({ hasText: 'Saved.' }).waitFor(WAIT);
		await waitForSynced(pageA);
		const link = await codeText(pageA, nameA);

		const stranger = await launch();
		// Every layout shift the page makes (none come from input here).
		await stranger.context.addInitScript(() => {
			const shifts: number[] = [];
			Object.assign(window, { __shifts: shifts });
			new PerformanceObserver((list) => {
				for (const entry of list.getEntries())
					shifts.push((entry as unknown as { value: number }).value);
			}).observe({ type: 'layout-shift', buffered: true });
		});
		const delayCard = async (page: Page, ms: number) =>
			page.route('**/api/tend/public/card*', async (route) => {
				await new Promise((resolve) => setTimeout(resolve, ms));
				await route.continue();
			});

		// The server answers in 0.7 s: the page waits for its card, and nothing moves.
		const page = await stranger.newPage();
		await delayCard(page, 700);
		await page.goto(link);
		await page.getByRole('status').filter({ hasText: 'Opening the card…' }).waitFor(WAIT);
		expect(await axeViolations(page)).toEqual([]);
		await page.getByText('Compost').waitFor(WAIT);
		await page.getByRole('heading', { name: 'Send your details back' }).waitFor(WAIT);
		await page.waitForTimeout(300);
		const shiftsOf = (p: Page) =>
			p.evaluate(() => (window as unknown as { __shifts: number[] }).__shifts);
		expect(await shiftsOf(page)).toEqual([]);

		// The server takes 4 s: what the code carries shows first, the full card when it comes. (A new
		// browser: the first page's service worker would ask the server itself, around the delay.)
		const other = await launch();
		const slow = await other.newPage();
		await delayCard(slow, 4000);
		await slow.goto(link);
		await slow.getByRole('heading', { level: 1, name: nameA }).waitFor(WAIT);
		expect(await slow.getByText('Compost').count()).toBe(0);
		await slow.getByText('Compost').waitFor(WAIT);

		expect(a.errors).toEqual([]);
		expect(stranger.errors).toEqual([]);
		expect(other.errors).toEqual([]);
	});

	it('shows a clear page for a damaged code and for an expired one', async () => {
		const nameA = `Ada Expired ${suffix()}`;
		const a = await launch();
		const pageA = await a.newPage();
		await signUpWithCard(pageA, { name: nameA });
		const link = await codeText(pageA, nameA);

		const stranger = await launch();
		const damaged = await stranger.context.newPage();
		await damaged.goto('/c#garbage');
		await damaged.getByRole('heading', { name: "This code can't be opened" }).waitFor(WAIT);
		await damaged.getByRole('alert').filter({ hasText: 'damaged or incomplete' }).waitFor(WAIT);
		expect(await damaged.getByRole('button', { name: 'Save contact' }).count()).toBe(0);

		// The same code with an expiry a day in the past (token: cardId.keyVersion.expiry.sig).
		const fields = link.split('~');
		const parts = (fields[1] ?? '').split('.');
		parts[2] = Math.floor(Date.now() / 1000 - 86_400).toString(36);
		fields[1] = parts.join('.');
		const expired = await stranger.context.newPage();
		await expired.goto(fields.join('~'));
		await expired.getByRole('heading', { name: "This code can't be opened" }).waitFor(WAIT);
		await expired.getByRole('alert').filter({ hasText: 'expired' }).waitFor(WAIT);
		expect(await expired.getByRole('heading', { name: nameA }).count()).toBe(0);

		expect(a.errors).toEqual([]);
		expect(stranger.errors).toEqual([]);
	});

	it('shows every link of a card that lists the same address twice, each a real link', async () => {
		const name = `Lia Links ${suffix()}`;
		const site = 'https://lia.example.org/';
		const lia = await newPerson(`links${suffix()}`, {
			name,
			links: [
				{ kind: 'website', url: site },
				{ kind: 'other', label: 'Portfolio', url: site },
				{ kind: 'email', url: 'mailto:lia@example.org' }
			],
			eventFields: ['links']
		});
		const code = encodeSwapCode(inject('pbUrl'), await tokenOf(lia), {
			name,
			headline: '',
			company: ''
		});
		if (!code.ok) throw new Error(code.message);

		const stranger = await launch();
		const page = await stranger.newPage();
		await page.goto(code.value);
		await page.getByRole('heading', { level: 1, name }).waitFor(WAIT);
		const links = page.getByRole('article').getByRole('link');
		await links.nth(2).waitFor(WAIT);
		expect(await links.evaluateAll((all) => all.map((a) => a.getAttribute('href')))).toEqual([
			site,
			site,
			'mailto:lia@example.org'
		]);
		expect(stranger.errors).toEqual([]);
	});
});

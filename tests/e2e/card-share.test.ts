// A swap gives a way to reach me: a new person fills their card at 360×640, sees in the preview
// exactly what a new contact gets (their email included), saves, and the person who swaps with
// them receives that email in their snapshot. Tabbing through My card never puts the focused
// control under the sticky save bar, the navigation or the header; and what a person types while
// their card is still on its way from the server (a new device) is kept when it arrives.
import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';
import { PNG } from 'pngjs';
import PocketBase from 'pocketbase';
import type { Page, Route } from 'playwright-core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { keepShot, launchBrowser, type Browser } from '../support/browser';
import { encodeSwapCode } from '../../src/lib/domain/swap-payload';
import { newPerson, swap, tokenOf, type Person } from '../support/pb-harness';
import { PASSWORD, signUpWithCard, waitForSynced } from '../support/swap-flow';

const SMALL_PHONE = { width: 360, height: 640 };
const WAIT = { timeout: 30_000 };

/** The person who signed up in the browser, signed in through the SDK (to swap by the API). */
async function asPerson(email: string, password: string): Promise<Person> {
	const pb = new PocketBase(inject('pbUrl'));
	pb.autoCancellation(false);
	const auth = await pb.collection('users').authWithPassword(email, password);
	const [card] = await pb.collection('cards').getFullList();
	return { pb, id: auth.record.id, email, cardId: card?.id ?? '' };
}

/** A small PNG of one colour, as a card photo. */
function photoPng(): Buffer {
	const image = new PNG({ width: 64, height: 64 });
	image.data.fill(200);
	return PNG.sync.write(image);
}

/** The jCard properties of a vCard as [name, value] pairs (ical.js's parse). */
function properties(text: string): [string, unknown][] {
	const [, props = []] = ICAL.parse(text) as [string, [string, unknown, string, unknown][]];
	return props.map(([name, , , value]) => [name, value]);
}

interface Visibility {
	what: string;
	isVisible: boolean;
	detail: string;
}

/**
 * Whether the focused element (a visually hidden input: its label) lies fully inside the
 * viewport and under none of the sticky bar, the navigation and the header it is not part of,
 * measured two frames after the focus (once any scroll into view has run).
 */
function focusedVisibility(page: Page): Promise<Visibility> {
	return page.evaluate(async () => {
		await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
		const active = document.activeElement;
		if (!(active instanceof HTMLElement) || active === document.body) {
			return { what: 'body', isVisible: true, detail: '' };
		}
		const isHidden = active.getBoundingClientRect().width <= 1;
		const shown: HTMLElement =
			isHidden && active instanceof HTMLInputElement && active.labels?.[0]
				? active.labels[0]
				: active;
		const box = shown.getBoundingClientRect();
		const what = `${active.tagName} ${active.id || active.textContent?.trim().slice(0, 40)}`;
		const viewport = { width: innerWidth, height: document.documentElement.clientHeight };
		const problems: string[] = [];
		if (box.top < 0 || box.left < 0 || box.bottom > viewport.height || box.right > viewport.width)
			problems.push(`outside the viewport ${JSON.stringify(box)}`);
		const covers = [
			['sticky bar', document.querySelector('form .actions')],
			['navigation', document.querySelector('nav[aria-label="Sections"]')],
			['header', document.querySelector('header')]
		] as const;
		for (const [name, cover] of covers) {
			if (!(cover instanceof HTMLElement) || cover.contains(active)) continue;
			const c = cover.getBoundingClientRect();
			const overlaps =
				box.bottom > c.top && box.top < c.bottom && box.right > c.left && box.left < c.right;
			if (!overlaps) continue;
			// Overlapping boxes: under it unless the focused control is drawn on top (a skip link).
			const x = (Math.max(box.left, c.left) + Math.min(box.right, c.right)) / 2;
			const y = (Math.max(box.top, c.top) + Math.min(box.bottom, c.bottom)) / 2;
			const onTop = document.elementFromPoint(x, y);
			if (onTop && cover.contains(onTop)) problems.push(`under the ${name} ${JSON.stringify(c)}`);
		}
		return { what, isVisible: problems.length === 0, detail: problems.join('; ') };
	});
}

describe('a swap gives a way to reach me', () => {
	let browsers: Browser[] = [];

	afterEach(async () => {
		for (const browser of browsers) await browser.close();
		browsers = [];
	});

	async function launch(): Promise<Browser> {
		const browser = await launchBrowser({ baseURL: inject('pbUrl'), viewport: SMALL_PHONE });
		browsers.push(browser);
		return browser;
	}

	it('the preview shows my email, and the person who swaps with me receives it', async () => {
		const browser = await launch();
		const page = await browser.newPage();
		const { email } = await signUpWithCard(page, { name: 'Ann Lee' });
		const field = (name: string) => page.getByRole('textbox', { name, exact: true });
		await field('Headline').fill('Product designer');
		await field('What I can help with').fill('Accessibility reviews');
		await field("What I'm looking for").fill('A co-founder');
		await field('Email').fill('ann@example.org');

		const preview = page.getByRole('region', { name: 'Preview of what a new contact gets' });
		await preview.getByRole('link', { name: 'ann@example.org' }).waitFor();
		await preview.getByText('Accessibility reviews').waitFor();
		await preview.getByText('A co-founder').waitFor();
		expect(await page.getByRole('radio', { name: /^Email/ }).isChecked()).toBe(true);
		await keepShot(page, 'me-preview-360');

		await page.getByRole('button', { name: 'Save my card' }).click();
		await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor(WAIT);
		await waitForSynced(page);

		const ann = await asPerson(email, PASSWORD);
		const bob = await newPerson('bob');
		const reply = await swap(bob, ann);
		expect(reply.status).toBe(200);
		const { connection } = reply.body as { connection: { id: string } };
		const held = await bob.pb.collection('connections').getOne(connection.id);
		expect(held.snapshot).toEqual({
			name: 'Ann Lee',
			headline: 'Product designer',
			company: '',
			canHelpWith: 'Accessibility reviews',
			lookingFor: 'A co-founder',
			photoUrl: '',
			links: [{ kind: 'email', url: 'mailto:ann@example.org' }]
		});
		expect(browser.errors).toEqual([]);
	});

	it('tabbing through My card at 360×640, every focused control is fully visible', async () => {
		const browser = await launch();
		const page = await browser.newPage();
		await signUpWithCard(page, { name: 'Tab Person', headline: 'Tester', company: 'Acme' });
		await page.getByRole('textbox', { name: 'Email', exact: true }).fill('tab@example.org');
		await page.getByRole('textbox', { name: 'Phone', exact: true }).fill('+44 20 7946 0000');
		await page.getByRole('button', { name: 'Save my card' }).click();
		await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor(WAIT);
		// From the top of a freshly opened page, as a keyboard user arrives.
		await page.reload();
		await expect.poll(() => page.getByRole('radio', { name: /^Phone/ }).count(), WAIT).toBe(1);
		// the save bar, stuck at the bottom, sits flush on the navigation: no gap shows the form
		const gap = await page.evaluate(() => {
			window.scrollTo(0, 0);
			const bar = document.querySelector('form .actions')?.getBoundingClientRect();
			const nav = document.querySelector('nav[aria-label="Sections"]')?.getBoundingClientRect();
			return bar && nav ? nav.top - bar.bottom : NaN;
		});
		expect(Math.abs(gap)).toBeLessThan(0.5);
		const seen: string[] = [];
		for (let i = 0; i < 80; i++) {
			await page.keyboard.press('Tab');
			const state = await focusedVisibility(page);
			expect(state.isVisible, `${state.what}: ${state.detail}`).toBe(true);
			seen.push(state.what);
			if (state.what.includes('Delete my account')) break;
		}
		// the walk went through the editor's controls, down to the end of the page
		for (const id of ['card-company', 'card-help', 'link-website', 'card-photo'])
			expect(
				seen.some((what) => what.includes(id)),
				seen.join(' / ')
			).toBe(true);
		expect(seen.at(-1)).toContain('Delete my account');
		expect(browser.errors).toEqual([]);
	});

	it('shows each error under its field, sums them up and moves focus to the first', async () => {
		const browser = await launch();
		const page = await browser.newPage();
		await signUpWithCard(page, { name: 'Erin Error' });
		const field = (name: string) => page.getByRole('textbox', { name, exact: true });
		await field('Name').fill('');
		await field('Website').fill('javascript:alert(1)');
		await page.getByRole('button', { name: 'Save my card' }).click();
		const summary = page.getByRole('alert').filter({ hasText: 'Some details need fixing.' });
		await summary.waitFor(WAIT);
		const focusedId = () => page.evaluate(() => document.activeElement?.id ?? '');
		expect(await focusedId()).toBe('card-name');
		// each message is under its own field, tied to it for a screen reader
		expect(await field('Name').getAttribute('aria-describedby')).toContain('card-name-error');
		await page.locator('#card-name-error').filter({ hasText: 'Add your name.' }).waitFor(WAIT);
		await page.locator('#link-website-error').filter({ hasText: 'Only web addresses' }).waitFor();
		const named = summary.getByRole('list', { name: 'Fields to fix' }).getByRole('button');
		expect(await named.allTextContents()).toEqual(['Name', 'Website']);
		await summary.getByRole('button', { name: 'Website' }).click();
		expect(await focusedId()).toBe('link-website');
		const state = await focusedVisibility(page);
		expect(state.isVisible, state.detail).toBe(true);
		expect(browser.errors).toEqual([]);
	});

	it('keeps what I type while my card is still on its way to a new device', async () => {
		const carl = await newPerson('carl', { headline: 'From the server' });
		const browser = await launch();
		const page = await browser.newPage();
		// My card is held back on its way from the server until the test lets it through.
		let release: () => void = () => undefined;
		const released = new Promise<void>((resolve) => (release = resolve));
		await page.route('**/api/tend/pull', async (route: Route) => {
			await released;
			await route.continue();
		});
		await page.goto('/signin');
		await page.getByLabel('Email').fill(carl.email);
		await page.getByLabel('Password').fill('correct-horse-battery');
		await page.getByRole('button', { name: 'Sign in' }).click();
		await page.waitForURL((url) => !url.pathname.startsWith('/signin'), WAIT);
		if (!page.url().endsWith('/me')) {
			await page
				.getByRole('navigation', { name: 'Sections' })
				.getByRole('link', { name: 'Me' })
				.click();
		}
		const field = (name: string) => page.getByRole('textbox', { name, exact: true });
		await page.getByText('Looking for your card on the server').waitFor(WAIT);
		expect(await page.getByRole('button', { name: 'Save my card' }).isDisabled()).toBe(true);
		await field('Headline').fill('Typed while it loads');
		release();
		await expect.poll(() => field('Name').inputValue(), WAIT).toBe('carl name');
		expect(await field('Headline').inputValue()).toBe('Typed while it loads');
		expect(await field('Company').inputValue()).toBe('carl company');
		await page.getByRole('button', { name: 'Save my card' }).click();
		await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor(WAIT);
		await waitForSynced(page);
		const saved = await carl.pb.collection('cards').getOne(carl.cardId);
		expect(saved).toMatchObject({ name: 'carl name', headline: 'Typed while it loads' });
		expect(browser.errors).toEqual([]);
	});

	it('the public page saves a contact with the same fields: the way to reach me and the photo', async () => {
		const dana = await newPerson('dana', {
			links: [
				{ kind: 'website', url: 'https://dana.example' },
				{ kind: 'phone', url: 'tel:+44 20 7946 0000' }
			]
		});
		const form = new FormData();
		form.set('photo', new File([new Uint8Array(photoPng())], 'me.png', { type: 'image/png' }));
		await dana.pb.collection('cards').update(dana.cardId, form);
		const code = encodeSwapCode(inject('pbUrl'), await tokenOf(dana), {
			name: 'dana name',
			headline: 'dana headline',
			company: 'dana company'
		});
		if (!code.ok) throw new Error(code.message);
		const browser = await launch();
		const page = await browser.newPage();
		await page.goto(code.value);
		await page.getByRole('link', { name: '+44 20 7946 0000' }).waitFor(WAIT);
		const [download] = await Promise.all([
			page.waitForEvent('download', WAIT),
			page.getByRole('button', { name: 'Save contact' }).click()
		]);
		const props = properties(readFileSync(await download.path(), 'utf8'));
		const names = props.map(([name]) => name);
		expect(props).toEqual(
			expect.arrayContaining([
				['fn', 'dana name'],
				['title', 'dana headline'],
				['org', 'dana company'],
				['tel', '+44 20 7946 0000'],
				['note', 'Can help with: dana helps\n\nLooking for: dana looks']
			])
		);
		// one way to reach me, not every link; and the photo the card shows
		expect(names).not.toContain('url');
		expect(names).toContain('photo');
		expect(browser.errors).toEqual([]);
	});
});

// The scanner's side of the meeting, at a conference pace, on small phones: opening Scan starts the
// camera once it has been allowed; the note screen shows what they are looking for and can help
// with (from the server, right after the swap) above the questions, with Done and Skip on screen
// above the navigation; Done goes straight back to a running camera, so three people take one tap
// each; a code of someone I already have says so; the My code / Scan tabs follow WAI-ARIA tabs.
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { encodeSwapCode } from '../../src/lib/domain/swap-payload';
import { accessibilityReport, ALL_CLEAR, doneOnScreen } from '../support/a11y';
import { launchBrowser, type Browser } from '../support/browser';
import { newPerson, tokenOf, type Person } from '../support/pb-harness';
import {
	launchWithCamera,
	listAs,
	openSection,
	pageToken,
	signUpWithCard,
	waitForSynced
} from '../support/swap-flow';
import { qrsToY4m, qrToY4m } from '../support/y4m';

const WAIT = { timeout: 30_000 };
const suffix = () => Math.random().toString(36).slice(2, 6);

interface Someone extends Person {
	name: string;
	lookingFor: string;
	canHelpWith: string;
	code: string;
}

/** A person on the server who shares what they look for and can help with, and their code. */
async function someone(first: string): Promise<Someone> {
	const name = `${first} ${suffix()}`;
	const lookingFor = `${first} is looking for a printer of punched cards`;
	const canHelpWith = `${first} can help with loom repairs`;
	const person = await newPerson(first.toLowerCase(), {
		name,
		headline: `${first}'s headline`,
		company: `${first} & Co`,
		lookingFor,
		canHelpWith,
		links: [{ kind: 'email', url: `mailto:${first.toLowerCase()}@tend.test` }],
		eventFields: ['headline', 'company', 'canHelpWith', 'lookingFor', 'links']
	});
	const code = encodeSwapCode(inject('pbUrl'), await tokenOf(person), {
		name,
		headline: `${first}'s headline`,
		company: `${first} & Co`
	});
	if (!code.ok) throw new Error(code.message);
	return { ...person, name, lookingFor, canHelpWith, code: code.value };
}

const metHeading = (page: Page) => page.getByRole('heading', { name: /^You met / });

describe('the scanner’s side of a swap', () => {
	const open: Browser[] = [];
	afterEach(async () => {
		await Promise.all(open.splice(0).map((b) => b.close()));
	});

	it('at 360×640: three people in a row, one tap each, each note grounded in their card', async () => {
		const people = await Promise.all(['Ada', 'Bea', 'Cy'].map(someone));
		const byName = new Map(people.map((p) => [p.name, p]));
		// The camera films the three codes in turn, over and over (1.5 s each).
		const b = await launchWithCamera(
			qrsToY4m(
				people.map((p) => p.code),
				{ frames: 15 }
			),
			{
				baseURL: inject('pbUrl'),
				viewport: { width: 360, height: 640 }
			}
		);
		open.push(b);
		const page = await b.newPage();
		await signUpWithCard(page, { name: `Bo Scanner ${suffix()}` });
		await openSection(page, 'Swap');
		// The fake camera is allowed (as after a first "Allow"): opening Scan starts it, no tap.
		await page.getByRole('tab', { name: 'Scan' }).click();

		const met: string[] = [];
		while (met.length < 3) {
			const heading = metHeading(page);
			await heading.waitFor(WAIT);
			const name = ((await heading.textContent()) ?? '').replace(/^You met /, '');
			const person = byName.get(name);
			expect(person, `an unexpected person: ${name}`).toBeDefined();
			if (!person) return;
			expect(met).not.toContain(name);
			// What they look for and can help with arrive from the server once the swap reaches it.
			await page.getByText(person.lookingFor).waitFor(WAIT);
			await page.getByText(person.canHelpWith).waitFor(WAIT);
			expect(await page.evaluate(() => window.scrollY)).toBe(0);
			expect(await doneOnScreen(page)).toEqual({ isInside: true, isUncovered: true });
			if (met.length === 0) expect(await accessibilityReport(page)).toEqual(ALL_CLEAR);

			const talkedAbout = page.getByLabel(`What did you talk about with ${name}?`);
			await talkedAbout.fill(`Talked with ${name} about looms`);
			if (met.length === 0) {
				// The keyboard takes most of the screen: Done and the field typed in stay visible.
				await page.setViewportSize({ width: 360, height: 330 });
				await talkedAbout.focus();
				expect(await doneOnScreen(page)).toEqual({ isInside: true, isUncovered: true });
				// Wholly visible: its top and bottom edges are not under the header or the bar.
				const isFieldVisible = () =>
					talkedAbout.evaluate((el) => {
						const box = el.getBoundingClientRect();
						const x = box.x + box.width / 2;
						const isOnTop = (y: number) => document.elementFromPoint(x, y) === el;
						return box.top >= 0 && isOnTop(box.top + 2) && isOnTop(box.bottom - 2);
					});
				await expect.poll(isFieldVisible, WAIT).toBe(true);
				await page.setViewportSize({ width: 360, height: 640 });
			}
			// The one tap of this swap; the camera is running again for the next person.
			await page.getByRole('button', { name: 'Done' }).click();
			await page.getByRole('heading', { name: `You met ${name}` }).waitFor({ state: 'detached' });
			met.push(name);
		}
		// Still on Scan with the camera running, for a fourth person.
		await page.getByRole('button', { name: 'Stop camera' }).waitFor(WAIT);

		await waitForSynced(page);
		const connections = await listAs<{ needsNote: boolean; memoryNote: string }>(
			inject('pbUrl'),
			await pageToken(page),
			'connections'
		);
		expect(connections.map((c) => [c.needsNote, c.memoryNote]).sort()).toEqual(
			people.map((p) => [false, `Talked with ${p.name} about looms`]).sort()
		);
		expect(b.errors).toEqual([]);
	});

	it('at 390×844: B sees what A looks for, skips the note, and re-scanning A says so', async () => {
		const a = await someone('Ada');
		const b = await launchWithCamera(qrToY4m(a.code), {
			baseURL: inject('pbUrl'),
			viewport: { width: 390, height: 844 }
		});
		open.push(b);
		const page = await b.newPage();
		await signUpWithCard(page, { name: `Bo Again ${suffix()}` });
		await openSection(page, 'Swap');
		await page.getByRole('tab', { name: 'Scan' }).click();

		await page.getByRole('heading', { name: `You met ${a.name}` }).waitFor(WAIT);
		await page.getByText(a.lookingFor).waitFor(WAIT);
		await page.getByRole('link', { name: 'ada@tend.test' }).waitFor(WAIT);
		expect(await doneOnScreen(page)).toEqual({ isInside: true, isUncovered: true });
		await page.getByRole('button', { name: 'Skip for now' }).click();

		// The camera is running again and films A once more: a visible message, no jump.
		await page.getByRole('tabpanel').getByText(`You already have ${a.name}.`).waitFor(WAIT);
		expect(page.url()).toMatch(/\/swap$/);
		await page.getByRole('link', { name: 'Open their page' }).click();
		await page.waitForURL(/\/people\/[a-z0-9]{15}$/, WAIT);
		await page.getByRole('heading', { level: 1, name: a.name }).waitFor(WAIT);

		await waitForSynced(page);
		const connections = await listAs<{ needsNote: boolean }>(
			inject('pbUrl'),
			await pageToken(page),
			'connections'
		);
		expect(connections.map((c) => c.needsNote)).toEqual([true]);
		expect(b.errors).toEqual([]);
	});

	it('the My code / Scan tabs follow the WAI-ARIA tabs pattern', async () => {
		const b = await launchBrowser({
			baseURL: inject('pbUrl'),
			viewport: { width: 360, height: 640 }
		});
		open.push(b);
		const page = await b.newPage();
		await signUpWithCard(page, { name: `Tab Keys ${suffix()}` });
		await openSection(page, 'Swap');
		const myCode = page.getByRole('tab', { name: 'My code' });
		const scan = page.getByRole('tab', { name: 'Scan' });
		await myCode.click();

		/** Which tab is chosen and focused, the tabs' tabindex, and every aria-controls resolves. */
		const state = () =>
			page.evaluate(() => {
				const tabs = Array.from(document.querySelectorAll('[role="tab"]'));
				return {
					selected: tabs.find((t) => t.getAttribute('aria-selected') === 'true')?.textContent,
					focused: document.activeElement?.textContent,
					tabindex: tabs.map((t) => t.getAttribute('tabindex')),
					panel: document.querySelector('[role="tabpanel"]')?.getAttribute('aria-labelledby'),
					dangling: tabs
						.map((t) => t.getAttribute('aria-controls'))
						.filter((id) => id !== null && !document.getElementById(id))
				};
			});
		const codeChosen = {
			selected: 'My code',
			focused: 'My code',
			tabindex: ['0', '-1'],
			panel: 'tab-code',
			dangling: []
		};
		const scanChosen = {
			selected: 'Scan',
			focused: 'Scan',
			tabindex: ['-1', '0'],
			panel: 'tab-scan',
			dangling: []
		};
		expect(await state()).toEqual(codeChosen);
		await page.keyboard.press('ArrowRight');
		expect(await state()).toEqual(scanChosen);
		// Without a camera allowed before, Scan waits for a tap (no unasked prompt).
		await page.getByRole('button', { name: 'Scan a code' }).waitFor(WAIT);
		await page.keyboard.press('ArrowRight'); // wraps
		expect(await state()).toEqual(codeChosen);
		await page.keyboard.press('ArrowLeft'); // wraps back
		expect(await state()).toEqual(scanChosen);
		await page.keyboard.press('Home');
		expect(await state()).toEqual(codeChosen);
		await page.keyboard.press('End');
		expect(await state()).toEqual(scanChosen);
		// One Tab stop for the tab list: Tab leaves it instead of visiting "My code".
		await page.keyboard.press('Tab');
		expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).not.toBe('tab');
		expect(await scan.getAttribute('aria-controls')).toBe('panel-scan');
		expect(await myCode.getAttribute('aria-controls')).toBeNull();
		expect(b.errors).toEqual([]);
	});
});

// Accessibility checks run in the page, as a person's browser renders it: axe-core (the real
// library, injected into the page), ARIA references that name a missing element, tap targets
// smaller than 44×44 px, and a focused element hidden behind something else (a sticky bar).
//
// axe-core goes in through the DevTools protocol (page.evaluate of the library's text), which the
// page's Content-Security-Policy (`script-src 'self'`, no inline script) does not govern: no
// <script> element is added, so no CSP exception (bypassCSP) is needed, and the CSP watch in
// browser.ts would fail the test should one ever be blocked.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(
	createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
	'utf8'
);

/** Runs axe-core's default rules (WCAG 2.x A/AA and best practices) on the page; one line each. */
export async function axeViolations(page: Page): Promise<string[]> {
	const isLoaded = await page.evaluate(() => 'axe' in globalThis);
	if (!isLoaded) await page.evaluate(AXE_SOURCE);
	const results = await page.evaluate(async () => {
		const axe = (globalThis as unknown as { axe: { run: (context: unknown) => Promise<unknown> } })
			.axe;
		return (await axe.run(document)) as AxeResults;
	});
	if (results.passes.length === 0) throw new Error('axe-core ran no rule on the page');
	return results.violations.map(
		(v) =>
			`${v.id} (${v.impact ?? 'no impact'}): ${v.help}: ` +
			v.nodes.map((node) => node.target.join(' ')).join(', ')
	);
}

/** Every ARIA attribute (and label `for`) that names an id no element on the page has. */
export async function danglingReferences(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const ID_LISTS = [
			'aria-activedescendant',
			'aria-controls',
			'aria-describedby',
			'aria-details',
			'aria-errormessage',
			'aria-flowto',
			'aria-labelledby',
			'aria-owns'
		];
		const found: string[] = [];
		for (const element of Array.from(document.querySelectorAll('*'))) {
			for (const name of [...ID_LISTS, ...(element.tagName === 'LABEL' ? ['for'] : [])]) {
				const value = element.getAttribute(name);
				if (value === null) continue;
				for (const id of value.split(/\s+/).filter(Boolean)) {
					if (!document.getElementById(id)) {
						const what = element.id ? `#${element.id}` : element.tagName.toLowerCase();
						found.push(`${what} ${name}="${value}": no element #${id}`);
					}
				}
			}
		}
		return found;
	});
}

/**
 * Every tap target (a, button, input, select, textarea, summary, [role=tab]) smaller than 44×44
 * CSS px, with its size. Not counted, and only these: a link inside a sentence (WCAG 2.5.8's inline
 * exception: its block holds other text), an element not rendered, and a checkbox, radio or file
 * input, which is measured by its label (tapping the label is tapping it) when that is larger.
 * A target hidden until focused (the skip link) is measured while focused.
 */
export async function smallTapTargets(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const MIN = 44;
		const SELECTOR =
			'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=tab]';
		const isClipped = (el: Element) => {
			const style = getComputedStyle(el);
			return style.clip === 'rect(0px, 0px, 0px, 0px)' || style.clipPath === 'inset(50%)';
		};
		const describe = (el: Element, box: DOMRect) => {
			const name = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40);
			const type = el.getAttribute('type');
			const tag = `${el.tagName.toLowerCase()}${type ? `[type=${type}]` : ''}`;
			return `${tag} "${name}" ${box.width.toFixed(1)}×${box.height.toFixed(1)}`;
		};
		/** The nearest ancestor that is not laid out inline: the text flow the element sits in. */
		const blockOf = (el: Element) => {
			let block = el.parentElement;
			while (block && getComputedStyle(block).display.startsWith('inline')) {
				block = block.parentElement;
			}
			return block;
		};
		const small: string[] = [];
		for (const el of Array.from(document.querySelectorAll<HTMLElement>(SELECTOR))) {
			if (el.getClientRects().length === 0 || getComputedStyle(el).visibility === 'hidden') {
				continue;
			}
			let box = el.getBoundingClientRect();
			if (isClipped(el)) {
				const previous = document.activeElement as HTMLElement | null;
				el.focus();
				box = el.getBoundingClientRect();
				const isShownOnFocus = !isClipped(el);
				el.blur();
				previous?.focus();
				if (!isShownOnFocus) continue;
			}
			if (el instanceof HTMLInputElement && /^(checkbox|radio|file)$/.test(el.type)) {
				for (const label of Array.from(el.labels ?? [])) {
					const labelBox = label.getBoundingClientRect();
					if (labelBox.width * labelBox.height > box.width * box.height) box = labelBox;
				}
			}
			if (box.width >= MIN - 0.01 && box.height >= MIN - 0.01) continue;
			if (el.tagName === 'A') {
				const block = blockOf(el);
				const text = (node: Element | null) =>
					(node?.textContent ?? '').replace(/\s+/g, ' ').trim();
				if (block && text(block) !== text(el)) continue;
			}
			small.push(describe(el, box));
		}
		return small;
	});
}

/** What tabbing through a page met: every element focused, and those not fully visible. */
export interface TabbingReport {
	visited: string[];
	hidden: string[];
}

/**
 * Tabs through the page from its top and reports every focused element that is not fully visible:
 * outside the viewport, or covered (at its corners or centre) by another element such as the
 * bottom navigation or a sticky bar. Stops when focus comes back round or after `maxSteps`.
 */
export async function tabThrough(page: Page, maxSteps = 80): Promise<TabbingReport> {
	await page.evaluate(() => {
		(document.activeElement as HTMLElement | null)?.blur();
		window.scrollTo(0, 0);
	});
	const hidden: string[] = [];
	const visited: string[] = [];
	const seen = new Set<string>();
	for (let step = 0; step < maxSteps; step++) {
		await page.keyboard.press('Tab');
		const report = await page.evaluate(() => {
			const el = document.activeElement;
			if (!el || el === document.body) return null;
			const path = (node: Element): string => {
				const index = node.parentElement
					? Array.from(node.parentElement.children).indexOf(node)
					: 0;
				return node.parentElement ? `${path(node.parentElement)}>${index}` : node.tagName;
			};
			const box = el.getBoundingClientRect();
			const label =
				el.getAttribute('aria-label') ??
				((el as HTMLInputElement).labels?.[0]?.textContent || el.textContent || '');
			const name = `${el.tagName.toLowerCase()} "${label.trim().slice(0, 40)}"`;
			const inset = 1;
			const points: [number, number][] = [
				[box.left + inset, box.top + inset],
				[box.right - inset, box.top + inset],
				[box.left + inset, box.bottom - inset],
				[box.right - inset, box.bottom - inset],
				[(box.left + box.right) / 2, (box.top + box.bottom) / 2]
			];
			const isInViewport =
				box.top >= 0 &&
				box.left >= 0 &&
				box.bottom <= window.innerHeight &&
				box.right <= window.innerWidth;
			const coveredBy = points
				.map(([x, y]) => document.elementFromPoint(x, y))
				.find((top) => top && top !== el && !el.contains(top) && !top.contains(el));
			const problem = !isInViewport
				? `outside the viewport (top ${box.top.toFixed(0)}, bottom ${box.bottom.toFixed(0)} of ${window.innerHeight})`
				: coveredBy
					? `covered by ${coveredBy.tagName.toLowerCase()}${coveredBy.className ? `.${String(coveredBy.className).split(' ')[0]}` : ''}`
					: null;
			return { key: path(el), name, problem };
		});
		if (!report) continue;
		if (seen.has(report.key)) break;
		seen.add(report.key);
		visited.push(report.name);
		if (report.problem) hidden.push(`${report.name}: ${report.problem}`);
	}
	return { visited, hidden };
}

/** Done is on screen without scrolling: inside the viewport and not covered (by the nav…). */
export async function doneOnScreen(
	page: Page
): Promise<{ isInside: boolean; isUncovered: boolean }> {
	const done = page.getByRole('button', { name: 'Done' });
	await done.waitFor({ timeout: 30_000 });
	return done.evaluate((button) => {
		const box = button.getBoundingClientRect();
		const onTop = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
		return {
			isInside: box.top >= 0 && box.bottom <= window.innerHeight && box.height > 0,
			isUncovered: onTop !== null && button.contains(onTop)
		};
	});
}

/** Every check of a screen at once: what failed, by check (empty lists when all is well). */
export async function accessibilityReport(
	page: Page
): Promise<{ axe: string[]; aria: string[]; tapTargets: string[] }> {
	return {
		axe: await axeViolations(page),
		aria: await danglingReferences(page),
		tapTargets: await smallTapTargets(page)
	};
}

export const ALL_CLEAR = { axe: [], aria: [], tapTargets: [] };

// A sticky bar along the bottom (the card editor's save bar, the People list's bulk actions).
// Invariant: the bar sits flush on the bottom navigation (measured, whatever height the nav has),
// and a focused control is never under the bar, the nav or the sticky header (WCAG 2.2 SC 2.4.11):
// the page's scroll padding is kept at their heights, and a focus the browser still left covered is
// scrolled clear. The bar covers the controls of its form, or of its `data-sticky-bar-scope`.
import type { Attachment } from 'svelte/attachments';

/** Room kept between a focused control and whatever covers the page's edge. */
const GAP = 8;

/** The bottom navigation's height when it runs along the bottom edge (0 when it sits at the side). */
function bottomNavHeight(nav: HTMLElement | null): number {
	if (!nav) return 0;
	const rect = nav.getBoundingClientRect();
	const viewport = document.documentElement.clientHeight;
	const isAlongBottom = rect.width >= document.documentElement.clientWidth - 1 && rect.top > 0;
	return isAlongBottom ? Math.max(0, viewport - rect.top) : 0;
}

/** Attaches to the bar: sets --nav-height on it, the page's scroll padding, and the focus check. */
export const stickySaveBar: Attachment<HTMLElement> = (bar) => {
	const root = document.documentElement;
	const nav = document.querySelector<HTMLElement>('nav[aria-label="Sections"]');
	const header = document.querySelector<HTMLElement>('header');
	const form = bar.closest('form, [data-sticky-bar-scope]');

	const update = () => {
		const navHeight = bottomNavHeight(nav);
		bar.style.setProperty('--nav-height', `${navHeight}px`);
		root.style.scrollPaddingBottom = `${navHeight + bar.offsetHeight + GAP}px`;
		root.style.scrollPaddingTop = `${(header?.offsetHeight ?? 0) + GAP}px`;
	};

	/** Scrolls a focused control clear of the header, the nav and (inside the form) the bar. */
	const uncover = (target: Element) => {
		const rect = target.getBoundingClientRect();
		const viewport = root.clientHeight;
		let bottom = viewport - bottomNavHeight(nav);
		if (form?.contains(target) && !bar.contains(target)) {
			bottom = Math.min(bottom, bar.getBoundingClientRect().top);
		}
		const top = header?.getBoundingClientRect().bottom ?? 0;
		// The page itself (focused after a navigation) or a region taller than the room: leave it.
		if (rect.height > bottom - top) return;
		if (rect.bottom > bottom) window.scrollBy(0, rect.bottom - bottom + GAP);
		else if (rect.top < top) window.scrollBy(0, rect.top - top - GAP);
	};
	const onFocus = (event: FocusEvent) => {
		const target = event.target;
		// After the browser's own scroll into view, which may leave the control covered.
		if (target instanceof Element && target !== document.body)
			requestAnimationFrame(() => uncover(target));
	};

	const observer = new ResizeObserver(update);
	observer.observe(bar);
	if (nav) observer.observe(nav);
	if (header) observer.observe(header);
	window.addEventListener('resize', update);
	document.addEventListener('focusin', onFocus);
	// No update() here: observe() reports every observed box once, after the first layout and
	// before the first paint, so the page is measured without forcing a layout while it mounts.
	return () => {
		observer.disconnect();
		window.removeEventListener('resize', update);
		document.removeEventListener('focusin', onFocus);
		root.style.scrollPaddingBottom = '';
		root.style.scrollPaddingTop = '';
	};
};

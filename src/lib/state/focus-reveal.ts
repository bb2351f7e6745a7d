// Focus that lands under the sticky header or the bottom navigation is moved clear of them:
// Chromium scrolls a focused element only when it is outside the viewport, ignoring
// scroll-padding, while scrollIntoView honours it (WCAG 2.2 SC 2.4.11).
// Not for controls in a sticky or fixed bar (always in view): scrolling to one would move the
// page under a pointer mid-tap, so the tap would land elsewhere.
// Loaded just after the first screen (it is not needed to draw it); returns its own removal.

function isInBar(element: Element): boolean {
	for (let e: Element | null = element; e; e = e.parentElement) {
		const position = getComputedStyle(e).position;
		if (position === 'sticky' || position === 'fixed') return true;
	}
	return false;
}

function reveal(event: FocusEvent): void {
	const target = event.target;
	if (target instanceof Element && !isInBar(target)) target.scrollIntoView({ block: 'nearest' });
}

export function revealFocus(): () => void {
	document.addEventListener('focusin', reveal);
	return () => document.removeEventListener('focusin', reveal);
}

// "Network idle" for a page that keeps a live stream open (GET /api/tend/live): Playwright's own
// networkidle counts a streaming fetch as a request in flight forever (it leaves out EventSource
// only), so it never comes. This waits until no other request has been in flight for a moment.

/** The app's long-lived request, left out of the count. */
export function isLiveStream(/** @type {string} */ url) {
	return new URL(url).pathname === '/api/tend/live';
}

/**
 * Follows a page's requests from now on; waitForQuiet() resolves once none but the live stream
 * has been in flight for `quietMs`, and throws (naming them) after `timeout`.
 * @param {import('playwright-core').Page} page
 */
export function trackRequests(page, ignore = isLiveStream) {
	/** @type {Set<import('playwright-core').Request>} */
	const inflight = new Set();
	let lastChange = Date.now();
	page.on('request', (request) => {
		if (ignore(request.url())) return;
		inflight.add(request);
		lastChange = Date.now();
	});
	const end = (/** @type {import('playwright-core').Request} */ request) => {
		if (inflight.delete(request)) lastChange = Date.now();
	};
	page.on('requestfinished', end);
	page.on('requestfailed', end);
	return {
		async waitForQuiet({ quietMs = 500, timeout = 30_000 } = {}) {
			await page.waitForLoadState('load', { timeout });
			const deadline = Date.now() + timeout;
			for (;;) {
				if (inflight.size === 0 && Date.now() - lastChange >= quietMs) return;
				if (Date.now() > deadline) {
					const urls = [...inflight].map((r) => r.url()).join(', ');
					throw new Error(`the network was never quiet for ${quietMs} ms: ${urls}`);
				}
				await new Promise((r) => setTimeout(r, 50));
			}
		}
	};
}

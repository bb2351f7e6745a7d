// Fixed-window counters in the app's in-memory store, one key per (limit, subject): bounded by
// the number of users, lost on restart (a restart forgives, which is acceptable for abuse limits).

/**
 * Counts one hit of `subject` against every window of `limits` ([{ name, seconds, max }]).
 * Returns 0 when allowed, else the seconds until the exceeded window resets.
 */
function hit(subject, limits, nowSeconds) {
	const store = $app.store();
	let retryAfter = 0;
	for (const limit of limits) {
		const windowStart = nowSeconds - (nowSeconds % limit.seconds);
		let count = 0;
		store.setFunc('rate:' + limit.name + ':' + subject, (old) => {
			const parts = typeof old === 'string' ? old.split(':') : [];
			const sameWindow = parts.length === 2 && parseInt(parts[0], 10) === windowStart;
			count = (sameWindow ? parseInt(parts[1], 10) : 0) + 1;
			return windowStart + ':' + count;
		});
		if (count > limit.max)
			retryAfter = Math.max(retryAfter, windowStart + limit.seconds - nowSeconds);
	}
	return retryAfter;
}

/** Swaps per user: a busy booth does a few hundred an hour; a scraper does thousands. */
const SWAP_LIMITS = [
	{ name: 'swap-burst', seconds: 60, max: 120 },
	{ name: 'swap-hour', seconds: 3600, max: 600 }
];

/** Join-code guesses per user. */
const JOIN_LIMITS = [{ name: 'join', seconds: 3600, max: 30 }];

module.exports = { hit, SWAP_LIMITS, JOIN_LIMITS };

// Fixed-window counters in the app's in-memory store, one key per (limit, subject), the value
// "<windowStart>:<count>". A subject's window starts at its first hit (not on the clock's minute
// or hour), so no edge lets every subject burst at once. Subjects are users (swaps, join codes), submitted sign-in identities
// and IPs (sign-up refusals, join codes); prune() drops finished windows so identities an attacker invents do
// not pile up. Lost on restart: a restart forgives, which is acceptable for abuse limits.
// The functions ending in In take the store as an argument, so the window logic is unit-tested
// with a fake store and an injected clock (tests/unit/rate.spec.ts).

/**
 * One fixed window: its name (part of the store key), length in seconds and most hits allowed.
 * @typedef {{ name: string, seconds: number, max: number }} Limit
 */

/**
 * The app's in-memory store: it holds other values too, and this file's keys hold strings.
 * @typedef {store.Store<string, unknown>} Store
 */

/**
 * The store key of one limit and subject.
 * @param {Limit} limit
 * @param {string} subject
 * @returns {string}
 */
function keyOf(limit, subject) {
	return 'rate:' + limit.name + ':' + subject;
}

/**
 * Parses a stored "<windowStart>:<count>"; null when absent or malformed.
 * @param {unknown} value
 * @returns {{ windowStart: number, count: number } | null}
 */
function parse(value) {
	const parts = typeof value === 'string' ? value.split(':') : [];
	const [start, count] = parts;
	if (parts.length !== 2 || start === undefined || count === undefined) return null;
	return { windowStart: parseInt(start, 10), count: parseInt(count, 10) };
}

/**
 * Adds `delta` to the count of `subject` in its current window of `limit` (a new window starts
 * with a hit when the last one has ended; taking back never goes below 0 or opens a window).
 * @param {Store} store
 * @param {Limit} limit
 * @param {string} subject
 * @param {number} delta
 * @param {number} nowSeconds
 * @returns {{ count: number, retryAfter: number }}
 */
function addIn(store, limit, subject, delta, nowSeconds) {
	let windowStart = nowSeconds;
	let count = 0;
	store.setFunc(keyOf(limit, subject), (old) => {
		const stored = parse(old);
		const isCurrent = stored !== null && nowSeconds < stored.windowStart + limit.seconds;
		if (!isCurrent && delta < 0) return old;
		windowStart = isCurrent ? stored.windowStart : nowSeconds;
		count = Math.max(0, (isCurrent ? stored.count : 0) + delta);
		return windowStart + ':' + count;
	});
	return { count, retryAfter: windowStart + limit.seconds - nowSeconds };
}

/**
 * Counts one hit of `subject` against every window of `limits` ([{ name, seconds, max }]).
 * Returns 0 when allowed, else the seconds until the exceeded window resets.
 * @param {Store} store
 * @param {string} subject
 * @param {Limit[]} limits
 * @param {number} nowSeconds
 * @returns {number}
 */
function hitIn(store, subject, limits, nowSeconds) {
	let retryAfter = 0;
	for (const limit of limits) {
		const counted = addIn(store, limit, subject, 1, nowSeconds);
		if (counted.count > limit.max) retryAfter = Math.max(retryAfter, counted.retryAfter);
	}
	return retryAfter;
}

/**
 * Takes back one hit of `subject` in the current windows (an attempt that turned out fine).
 * @param {Store} store
 * @param {string} subject
 * @param {Limit[]} limits
 * @param {number} nowSeconds
 */
function undoIn(store, subject, limits, nowSeconds) {
	for (const limit of limits) addIn(store, limit, subject, -1, nowSeconds);
}

/**
 * Forgets every count of `subject` (a successful sign-in starts afresh).
 * @param {Store} store
 * @param {string} subject
 * @param {Limit[]} limits
 */
function clearIn(store, subject, limits) {
	for (const limit of limits) store.remove(keyOf(limit, subject));
}

/**
 * Removes the counters of `limits` whose window has ended; returns how many it removed.
 * @param {Store} store
 * @param {Limit[]} limits
 * @param {number} nowSeconds
 * @returns {number}
 */
function pruneIn(store, limits, nowSeconds) {
	const all = store.getAll();
	let removed = 0;
	for (const key of Object.keys(all)) {
		for (const limit of limits) {
			if (key.indexOf('rate:' + limit.name + ':') !== 0) continue;
			const stored = parse(all[key]);
			// A hit racing this removal is forgiven at most once a prune: acceptable for abuse limits.
			if (!stored || stored.windowStart + limit.seconds <= nowSeconds) {
				store.remove(key);
				removed++;
			}
		}
	}
	return removed;
}

/**
 * hitIn() on the app's store.
 * @param {string} subject
 * @param {Limit[]} limits
 * @param {number} nowSeconds
 * @returns {number}
 */
function hit(subject, limits, nowSeconds) {
	return hitIn($app.store(), subject, limits, nowSeconds);
}

/** Swaps per user: a busy booth does a few hundred an hour; a scraper does thousands. */
const SWAP_LIMITS = [
	{ name: 'swap-burst', seconds: 60, max: 120 },
	{ name: 'swap-hour', seconds: 3600, max: 600 }
];

/**
 * Wrong join codes (failed lookups only: a right code is taken back, lib/events.js), per user: a
 * person mistyping a code gets 20 tries an hour.
 */
const JOIN_LIMITS = [{ name: 'join', seconds: 3600, max: 20 }];

/**
 * Wrong join codes per IP, an hour: generous, since thousands of phones share one venue NAT and
 * some mistype (only wrong codes count, so a crowd joining with the right one never gets near it).
 * What it stops is one machine guessing with many accounts: codes are 8 of 31 characters (8.5e11),
 * so at 1,000 guesses an hour one IP finds one of a thousand live events about once a century.
 */
const JOIN_IP_LIMITS = [{ name: 'join-ip', seconds: 3600, max: 1000 }];

/**
 * Password sign-ins per submitted identity (whether or not such an account exists, so the limit
 * tells nothing about accounts), whatever the IPs: 10 attempts in a 15-minute window, counted
 * before the password is checked (parallel guesses cannot slip through) and forgotten on success.
 * A person mistyping gets 10 tries; a botnet gets at most 40 guesses an hour at one account (20 in
 * a burst across a window's edge), so the per-IP rule need not be tight enough to lock a venue out.
 * The price: anyone can keep one account from signing in with its password, 15 minutes at a time;
 * its sessions (30 days, refreshed while online) go on working, so its phones notice nothing.
 */
const SIGNIN_LIMITS = [{ name: 'signin', seconds: 900, max: 10 }];

/**
 * Sign-ups refused per IP in an hour, on top of the settings' 30 a minute for all sign-ups.
 * Probing whether an email has an account either creates one (the email was free: a real account,
 * which the per-minute rule limits and anyone can see) or is refused ("email taken": PocketBase
 * checks uniqueness once the password passes), so this caps those answers at 100 an hour per IP
 * instead of 1,800. Successful sign-ups are not counted: a venue NAT signing up hundreds of people
 * an hour is limited only by the per-minute rule. The trade-off: past 100 refusals (an attacker, or
 * very many people at one IP who already had an account) every sign-up from that IP waits for the
 * hour to end, since letting successes through would itself tell which emails are free.
 */
const SIGNUP_REFUSAL_LIMITS = [{ name: 'signup-refused', seconds: 3600, max: 100 }];

/** Every limit with counters in the store (what the prune job walks). */
const ALL_LIMITS = SWAP_LIMITS.concat(
	JOIN_LIMITS,
	JOIN_IP_LIMITS,
	SIGNIN_LIMITS,
	SIGNUP_REFUSAL_LIMITS
);

/**
 * True when `ip` is in the settings' excludedIPs: exact addresses or IPv4 CIDR ranges.
 * @param {string} ip
 * @param {string[] | null | undefined} excluded
 * @returns {boolean}
 */
function isExcludedIp(ip, excluded) {
	for (const item of excluded || []) {
		if (item === ip) return true;
		const slash = item.indexOf('/');
		if (slash < 0) continue;
		const base = ipv4Number(item.slice(0, slash));
		const bits = parseInt(item.slice(slash + 1), 10);
		const value = ipv4Number(ip);
		if (base === null || value === null || !(bits >= 0 && bits <= 32)) continue;
		const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
		if ((base & mask) >>> 0 === (value & mask) >>> 0) return true;
	}
	return false;
}

/**
 * An IPv4 address as an unsigned 32-bit number, or null.
 * @param {string} text
 * @returns {number | null}
 */
function ipv4Number(text) {
	const parts = String(text).split('.');
	if (parts.length !== 4) return null;
	let value = 0;
	for (const part of parts) {
		if (!/^\d{1,3}$/.test(part) || parseInt(part, 10) > 255) return null;
		value = value * 256 + parseInt(part, 10);
	}
	return value;
}

module.exports = {
	hit,
	hitIn,
	undoIn,
	clearIn,
	pruneIn,
	isExcludedIp,
	SWAP_LIMITS,
	JOIN_LIMITS,
	JOIN_IP_LIMITS,
	SIGNIN_LIMITS,
	SIGNUP_REFUSAL_LIMITS,
	ALL_LIMITS
};

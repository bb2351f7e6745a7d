/// <reference path="../../.cache/pocketbase/types.d.ts" />
// Sign-in is limited per account now (10 attempts per identity in 15 minutes, whatever the IPs:
// pb_hooks/auth.pb.js, numbers in pb_hooks/lib/rate.js), so the per-IP rule for `*:auth` only has
// to stop one machine from trying many accounts, and can be loose enough for a venue: thousands of
// phones behind one NAT IP. A phone signs in rarely (a session lasts 30 days; a sign-up signs in
// once), so even a keynote's doors stay well under 300 a minute (5 a second) from one IP, while one
// machine trying the same few passwords on many accounts is still held to 300 guesses a minute.
// Sign-up stays at 30 a minute per IP (plus the per-IP hourly cap on refused sign-ups in the hook).
const AUTH_PER_MINUTE = { before: 60, after: 300 };

/**
 * Sets the guests' per-minute `*:auth` rule to `maxRequests`, keeping every other rule.
 * @param {CoreApp} app
 * @param {number} maxRequests
 */
function setAuthLimit(app, maxRequests) {
	const settings = app.settings();
	const isAuthRule = (/** @type {core.RateLimitRule} */ r) =>
		r.label === '*:auth' && r.audience === '@guest';
	const others = [];
	for (const r of settings.rateLimits.rules) {
		if (!isAuthRule(r)) {
			others.push({
				label: r.label,
				audience: r.audience,
				duration: r.duration,
				maxRequests: r.maxRequests
			});
		}
	}
	settings.rateLimits.rules = /** @type {PlainRateLimitRule[]} */ ([
		{ label: '*:auth', audience: '@guest', duration: 60, maxRequests },
		...others
	]);
	app.save(settings);
}

migrate(
	(app) => setAuthLimit(app, AUTH_PER_MINUTE.after),
	(app) => setAuthLimit(app, AUTH_PER_MINUTE.before)
);

/// <reference path="../../.cache/pocketbase/types.d.ts" />
// Reconnects don't storm: a phone's realtime stream is opened by EventSource, which sends no
// Authorization header, so PocketBase counts the connect (GET /api/realtime) as guest traffic
// against the per-IP `/api/` rule (300 per 10 s). After a restart, 3,000 phones behind a venue's
// NAT took 92 s to resubscribe through 75,612 answers 429. The connect gets a rule of its own,
// sized for a hall (20,000 per 10 s from one IP); the subscription that follows
// (POST /api/realtime) carries the person's token and is not guest traffic. Every other guest
// route keeps its per-IP limits.
// Down: the rule goes (the connect counts against `/api/` again).

const RULE = { label: 'GET /api/realtime', audience: '@guest', duration: 10, maxRequests: 20000 };

/**
 * The rules as plain objects, without the realtime connect's.
 * @param {core.Settings} settings
 */
function otherRules(settings) {
	const out = [];
	for (const r of settings.rateLimits.rules) {
		if (r.label === RULE.label && r.audience === RULE.audience) continue;
		out.push({
			label: r.label,
			audience: r.audience,
			duration: r.duration,
			maxRequests: r.maxRequests
		});
	}
	return out;
}

migrate(
	(app) => {
		const settings = app.settings();
		settings.rateLimits.rules = /** @type {PlainRateLimitRule[]} */ ([
			RULE,
			...otherRules(settings)
		]);
		app.save(settings);
	},
	(app) => {
		const settings = app.settings();
		settings.rateLimits.rules = /** @type {PlainRateLimitRule[]} */ (otherRules(settings));
		app.save(settings);
	}
);

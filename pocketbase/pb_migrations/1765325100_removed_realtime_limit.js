/// <reference path="../../.cache/pocketbase/types.d.ts" />
// PocketBase's realtime is refused (pocketbase/live.go: /api/realtime answers 410), so the rule
// 1765325000 gave its connect (20,000 guest requests per 10 s from one IP) only made a refused
// route cheaper to hammer than any other. It goes: an anonymous GET /api/realtime counts against
// the `/api/` guest rule again. The live stream needs no rule: it is authenticated traffic.
// Down: the rule comes back.

const RULE = { label: 'GET /api/realtime', audience: '@guest', duration: 10, maxRequests: 20000 };

const isRealtimeRule = (/** @type {core.RateLimitRule} */ r) =>
	r.label === RULE.label && r.audience === RULE.audience;

migrate(
	(app) => {
		const settings = app.settings();
		settings.rateLimits.rules = settings.rateLimits.rules.filter((r) => !isRealtimeRule(r));
		app.save(settings);
	},
	(app) => {
		const settings = app.settings();
		const rules = settings.rateLimits.rules.filter((r) => !isRealtimeRule(r));
		rules.unshift(/** @type {PlainRateLimitRule} */ (RULE));
		settings.rateLimits.rules = rules;
		app.save(settings);
	}
);

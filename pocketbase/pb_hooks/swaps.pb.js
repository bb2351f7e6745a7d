/// <reference path="../../.cache/pocketbase/types.d.ts" />
// Swap routes: my token, rotating it, and the mutual swap (docs/protocol.md).

routerAdd('GET', '/api/tend/token', (e) => {
	const { failure, sendFailure, userOf } = require(`${__hooks}/lib/http.js`);
	const { myToken } = require(`${__hooks}/lib/swap.js`);
	const user = userOf(e);
	if (!user) return sendFailure(e, failure(401, 'unauthorized', 'Sign in first.'));
	const token = myToken(e.app, user, Math.floor(Date.now() / 1000), false);
	if (token.failure) return sendFailure(e, token.failure);
	return e.json(200, token.value);
});

routerAdd('POST', '/api/tend/token/rotate', (e) => {
	const { failure, sendFailure, userOf } = require(`${__hooks}/lib/http.js`);
	const { myToken } = require(`${__hooks}/lib/swap.js`);
	const user = userOf(e);
	if (!user) return sendFailure(e, failure(401, 'unauthorized', 'Sign in first.'));
	const token = myToken(e.app, user, Math.floor(Date.now() / 1000), true);
	if (token.failure) return sendFailure(e, token.failure);
	return e.json(200, token.value);
});

routerAdd(
	'POST',
	'/api/tend/swaps',
	(e) => {
		const { failure, sendFailure, userOf, objectBody } = require(`${__hooks}/lib/http.js`);
		const swaps = require(`${__hooks}/lib/swap.js`);
		const rate = require(`${__hooks}/lib/rate.js`);
		const user = userOf(e);
		if (!user) return sendFailure(e, failure(401, 'unauthorized', 'Sign in first.'));
		const now = Math.floor(Date.now() / 1000);
		const checked = swaps.validate(objectBody(e), now);
		if (checked.failure) return sendFailure(e, checked.failure);
		const retryAfter = rate.hit(user.id, rate.SWAP_LIMITS, now);
		if (retryAfter > 0) {
			return sendFailure(
				e,
				failure(429, 'rate_limited', 'Too many swaps: try again later.', { retryAfter })
			);
		}
		const result = swaps.performRetrying(e.app, user, checked.value, now);
		if (result.failure) return sendFailure(e, result.failure);
		// The scanner's own connection: its hidden relations are theirs to read (see private.pb.js).
		if (result.connection) result.connection.unhide('card', 'event');
		return e.json(200, { swap: result.swap, connection: result.connection, isNew: result.isNew });
	},
	$apis.bodyLimit(4096)
);

onBootstrap((e) => {
	e.next();
	// The swap-token secret exists before the first request (no race between two first swaps).
	require(`${__hooks}/lib/tokens.js`).ensureSecret(e.app);
});

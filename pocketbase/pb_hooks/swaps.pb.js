/// <reference path="../../.cache/pocketbase/types.d.ts" />
// Swap routes: my token, rotating it, and the mutual swap (docs/protocol.md).

routerAdd('GET', '/api/tend/token', (e) => {
	const { failure, sendFailure, userOf } = require(`${__hooks}/lib/http.js`);
	const tokens = require(`${__hooks}/lib/tokens.js`);
	const { findFirst } = require(`${__hooks}/lib/swap.js`);
	const user = userOf(e);
	if (!user) return sendFailure(e, failure(401, 'unauthorized', 'Sign in first.'));
	const card = findFirst(e.app, 'cards', { owner: user.id });
	if (!card) return sendFailure(e, failure(404, 'card_missing', 'Make your card first.'));
	return e.json(
		200,
		tokens.issue(card.id, card.getInt('keyVersion') || 1, Math.floor(Date.now() / 1000))
	);
});

routerAdd('POST', '/api/tend/token/rotate', (e) => {
	const { failure, sendFailure, userOf } = require(`${__hooks}/lib/http.js`);
	const tokens = require(`${__hooks}/lib/tokens.js`);
	const { findFirst } = require(`${__hooks}/lib/swap.js`);
	const user = userOf(e);
	if (!user) return sendFailure(e, failure(401, 'unauthorized', 'Sign in first.'));
	const card = findFirst(e.app, 'cards', { owner: user.id });
	if (!card) return sendFailure(e, failure(404, 'card_missing', 'Make your card first.'));
	const next = (card.getInt('keyVersion') || 1) + 1;
	card.set('keyVersion', next);
	e.app.save(card);
	return e.json(200, tokens.issue(card.id, next, Math.floor(Date.now() / 1000)));
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
		let result;
		for (let attempt = 0; ; attempt++) {
			try {
				result = swaps.perform(e.app, user, checked.value, now);
				break;
			} catch (err) {
				// A concurrent swap of the same pair or a replay racing this one: the retry sees it.
				if (attempt >= 1) throw err;
			}
		}
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

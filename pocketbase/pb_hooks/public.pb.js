/// <reference path="../pb_data/types.d.ts" />
// The public card page's two anonymous routes. Invariant: a valid, unexpired, current token
// reveals that card's event-card fields and nothing else; share-backs are validated, limited per
// IP by the settings' rate-limit rules and per card here.

routerAdd('GET', '/api/tend/public/card', (e) => {
	const { sendFailure } = require(`${__hooks}/lib/http.js`);
	const { cardForPublicToken } = require(`${__hooks}/lib/public.js`);
	const found = cardForPublicToken(e.app, e.request.url.query().get('t'));
	if (found.failure) return sendFailure(e, found.failure);
	const { snapshotOf } = require(`${__hooks}/lib/levels.js`);
	const card = snapshotOf(found.card, 'event');
	card.id = found.card.id;
	return e.json(200, { card });
});

routerAdd(
	'POST',
	'/api/tend/public/share-back',
	(e) => {
		const { sendFailure, objectBody } = require(`${__hooks}/lib/http.js`);
		const { shareBack } = require(`${__hooks}/lib/public.js`);
		const result = shareBack(e.app, objectBody(e));
		if (result.failure) return sendFailure(e, result.failure);
		return e.json(200, { ok: true });
	},
	$apis.bodyLimit(4096)
);

/// <reference path="../../.cache/pocketbase/types.d.ts" />
// Stop sharing: the card's owner lists who holds their card (and via which event), changes the
// level a holder sees, or revokes them, either from the holders list or from that person's page
// (my connection to them leads to theirs to my card). Only the card's owner can move `level` and
// `revoked`; the shared part is lib/holders.js (holderBodyProblem, changeHolder).

routerAdd('GET', '/api/tend/holders', (e) => {
	const { failure, sendFailure, userOf } = require(`${__hooks}/lib/http.js`);
	const { cardOf } = require(`${__hooks}/lib/records.js`);
	const { listHolders } = require(`${__hooks}/lib/holders.js`);
	const user = userOf(e);
	if (!user) return sendFailure(e, failure(401, 'unauthorized', 'Sign in first.'));
	const card = cardOf(e.app, user.id);
	if (!card) return e.json(200, { items: [] });
	return e.json(200, { items: listHolders(e.app, card.id, user.id) });
});

routerAdd(
	'POST',
	'/api/tend/holders/{connection}',
	(e) => {
		const { failure, sendFailure, userOf, objectBody } = require(`${__hooks}/lib/http.js`);
		const holders = require(`${__hooks}/lib/holders.js`);
		const user = userOf(e);
		if (!user) return sendFailure(e, failure(401, 'unauthorized', 'Sign in first.'));
		const body = objectBody(e);
		const problem = holders.holderBodyProblem(body);
		if (problem) return sendFailure(e, problem);
		const found = holders.holderOfMyCard(
			e.app,
			user.id,
			/** @type {http.Request} */ (e.request).pathValue('connection')
		);
		if (found.failure) return sendFailure(e, found.failure);
		return e.json(200, holders.changeHolder(e.app, found.connection, found.card, body));
	},
	$apis.bodyLimit(1024)
);

routerAdd('GET', '/api/tend/people/{connection}/sharing', (e) => {
	const { failure, sendFailure, userOf } = require(`${__hooks}/lib/http.js`);
	const holders = require(`${__hooks}/lib/holders.js`);
	const user = userOf(e);
	if (!user) return sendFailure(e, failure(401, 'unauthorized', 'Sign in first.'));
	const found = holders.personSharing(
		e.app,
		user.id,
		/** @type {http.Request} */ (e.request).pathValue('connection')
	);
	if (found.failure) return sendFailure(e, found.failure);
	if (!found.theirs) return e.json(200, { holds: false });
	return e.json(200, Object.assign({ holds: true }, holders.holderState(found.theirs)));
});

routerAdd(
	'POST',
	'/api/tend/people/{connection}/sharing',
	(e) => {
		const { failure, sendFailure, userOf, objectBody } = require(`${__hooks}/lib/http.js`);
		const holders = require(`${__hooks}/lib/holders.js`);
		const user = userOf(e);
		if (!user) return sendFailure(e, failure(401, 'unauthorized', 'Sign in first.'));
		const body = objectBody(e);
		const problem = holders.holderBodyProblem(body);
		if (problem) return sendFailure(e, problem);
		const found = holders.personSharing(
			e.app,
			user.id,
			/** @type {http.Request} */ (e.request).pathValue('connection')
		);
		if (found.failure) return sendFailure(e, found.failure);
		if (!found.theirs) {
			return sendFailure(e, failure(404, 'not_found', 'They do not hold your card.'));
		}
		return e.json(200, holders.changeHolder(e.app, found.theirs, found.myCard, body));
	},
	$apis.bodyLimit(1024)
);

/// <reference path="../pb_data/types.d.ts" />
// Stop sharing: the card's owner lists who holds their card (and via which event), changes the
// level a holder sees, or revokes them. Only the card's owner can move `level` and `revoked`.

routerAdd('GET', '/api/tend/holders', (e) => {
	const { failure, sendFailure, userOf } = require(`${__hooks}/lib/http.js`);
	const { findFirst } = require(`${__hooks}/lib/swap.js`);
	const { listHolders } = require(`${__hooks}/lib/holders.js`);
	const user = userOf(e);
	if (!user) return sendFailure(e, failure(401, 'unauthorized', 'Sign in first.'));
	const card = findFirst(e.app, 'cards', { owner: user.id });
	if (!card) return e.json(200, { items: [] });
	return e.json(200, { items: listHolders(e.app, card.id, user.id) });
});

routerAdd(
	'POST',
	'/api/tend/holders/{connection}',
	(e) => {
		const { failure, sendFailure, userOf, objectBody, unknownKeys } = require(
			`${__hooks}/lib/http.js`
		);
		const { findById } = require(`${__hooks}/lib/swap.js`);
		const { snapshotOf } = require(`${__hooks}/lib/levels.js`);
		const user = userOf(e);
		if (!user) return sendFailure(e, failure(401, 'unauthorized', 'Sign in first.'));
		const body = objectBody(e);
		if (!body || unknownKeys(body, ['level', 'revoked']).length) {
			return sendFailure(e, failure(400, 'invalid', 'Send { level?, revoked? }.'));
		}
		if (body.level !== undefined && body.level !== 'event' && body.level !== 'full') {
			return sendFailure(e, failure(400, 'invalid', 'Level is "event" or "full".'));
		}
		if (body.revoked !== undefined && typeof body.revoked !== 'boolean') {
			return sendFailure(e, failure(400, 'invalid', 'Revoked is true or false.'));
		}
		const connection = findById(e.app, 'connections', e.request.pathValue('connection'));
		const card =
			connection && connection.getString('card')
				? findById(e.app, 'cards', connection.getString('card'))
				: null;
		if (!card || card.getString('owner') !== user.id) {
			return sendFailure(e, failure(404, 'not_found', 'No such holder of your card.'));
		}
		if (body.level !== undefined) connection.set('level', body.level);
		let revokedAtMs = 0;
		if (body.revoked === true && !connection.getBool('revoked')) {
			// Binds the revocation to time: only a code issued after it reconnects this person.
			revokedAtMs = Date.now();
			connection.set('revokedAt', new Date(revokedAtMs).toISOString());
		}
		if (body.revoked !== undefined) connection.set('revoked', body.revoked);
		// A revoked holder keeps what they had; a live one sees the card at their (new) level.
		if (!connection.getBool('revoked'))
			connection.set('snapshot', snapshotOf(card, connection.getString('level')));
		e.app.save(connection);
		const answer = {
			connection: connection.id,
			level: connection.getString('level') === 'full' ? 'full' : 'event',
			revoked: connection.getBool('revoked')
		};
		if (revokedAtMs) {
			// The owner's next code, issued after the revocation (tokens count whole seconds: the
			// next one), so that showing it again can reconnect this person at once.
			const tokens = require(`${__hooks}/lib/tokens.js`);
			const after = Math.floor(revokedAtMs / 1000) + 1;
			answer.token = tokens.issue(card.id, card.getInt('keyVersion') || 1, after);
		}
		return e.json(200, answer);
	},
	$apis.bodyLimit(1024)
);

// Holders of a card: who holds it, at which level, and what they may see of it.
// Invariant: a holder never reads the card record (its rules are owner-only); what they see is
// the snapshot on their own connection, trimmed to their level here, and their own card changes.
// A revoked holder keeps the snapshot they had and receives nothing more.
const levels = require(`${__hooks}/lib/levels.js`);
const { failure } = require(`${__hooks}/lib/http.js`);

/**
 * A failure as lib/http.js's failure() makes it.
 * @typedef {{
 *   isTendFailure: true,
 *   status: number,
 *   reason: string,
 *   message: string,
 *   extra: { [key: string]: unknown } | null
 * }} Failure
 */

/**
 * A snapshot as a connection keeps it (lib/levels.js snapshotOf): plain JSON by field name.
 * @typedef {{ [field: string]: unknown }} Snapshot
 */

/**
 * One field of a card change: its old and new value as the holder's snapshots hold them.
 * @typedef {{ field: string, from: unknown, to: unknown }} FieldChange
 */

/**
 * A holder of the owner's card, as listHolders lists them.
 * @typedef {{
 *   connection: string,
 *   holder: string,
 *   holderName: string,
 *   level: 'event' | 'full',
 *   revoked: boolean,
 *   event: string,
 *   eventName: string,
 *   metAt: string
 * }} HolderRow
 */

/**
 * What the card's owner is told about a holder (holderState).
 * @typedef {{ connection: string, level: 'event' | 'full', revoked: boolean }} HolderState
 */

/**
 * What changeHolder answers: the holder's state, and the owner's next code after a revocation.
 * @typedef {HolderState & { token?: string }} HolderChange
 */

/**
 * A body that changes a holder, checked by holderBodyProblem: untyped JSON from the device.
 * @typedef {{ [key: string]: unknown }} HolderBody
 */

/**
 * The level `userId` holds `cardId` at ('event' | 'full'), or '' when not a live holder.
 * @param {core.App} app
 * @param {string} userId
 * @param {string} cardId
 * @returns {'event' | 'full' | ''}
 */
function levelOf(app, userId, cardId) {
	try {
		const c = app.findFirstRecordByFilter(
			'connections',
			"owner = {:o} && card = {:c} && revoked = false && deleted = ''",
			{
				o: userId,
				c: cardId
			}
		);
		return c.getString('level') === 'full' ? 'full' : 'event';
	} catch (_) {
		return '';
	}
}

/**
 * The snapshot fields (as snapshotOf names them) a content change of `fields` touches.
 * @param {string[]} fields
 * @returns {string[]}
 */
function snapshotKeys(fields) {
	return fields.map((f) => (f === 'photo' ? 'photoUrl' : f));
}

/**
 * What a holder sees change: for each changed field visible to them before AND after, the old
 * and new value as their snapshots hold them (never a field beyond their level).
 * @param {Snapshot} before
 * @param {Snapshot} after
 * @param {string[]} changed
 * @returns {FieldChange[]}
 */
function changesFor(before, after, changed) {
	/** @type {FieldChange[]} */
	const out = [];
	for (const key of snapshotKeys(changed)) {
		if (!(key in before) || !(key in after)) continue;
		if (levels.canonicalJson(before[key]) === levels.canonicalJson(after[key])) continue;
		out.push({ field: key, from: before[key], to: after[key] });
	}
	return out;
}

/**
 * Refreshes the snapshot of every live holder of `card` and, for a content change (`changed`
 * names the card fields whose value changed), gives each holder a card change of what they see.
 * @param {core.App} app
 * @param {core.Record} card
 * @param {string[]} changed
 * @returns {void}
 */
function recordCardChange(app, card, changed) {
	const holders = /** @type {core.Record[]} */ (
		app.findRecordsByFilter(
			'connections',
			"card = {:c} && revoked = false && deleted = ''",
			'',
			0,
			0,
			{ c: card.id }
		)
	);
	const changesCollection = app.findCachedCollectionByNameOrId('card_changes');
	for (const h of holders) {
		const before = levels.jsonOf(h, 'snapshot') || {};
		const next = levels.snapshotOf(card, h.getString('level') === 'full' ? 'full' : 'event');
		if (levels.canonicalJson(next) === levels.canonicalJson(before)) continue;
		h.set('snapshot', next);
		app.save(h);
		const changes = changesFor(before, next, changed);
		if (!changes.length) continue;
		const change = new Record(changesCollection);
		change.set('owner', h.getString('owner'));
		change.set('connection', h.id);
		change.set('changes', changes);
		app.save(change);
	}
}

/**
 * Marks every connection to a card revoked (the card is being deleted).
 * @param {core.App} app
 * @param {string} cardId
 * @returns {void}
 */
function revokeAllHolders(app, cardId) {
	const holders = /** @type {core.Record[]} */ (
		app.findRecordsByFilter('connections', 'card = {:c} && revoked = false', '', 0, 0, {
			c: cardId
		})
	);
	const now = new Date().toISOString();
	for (const h of holders) {
		h.set('revoked', true);
		h.set('revokedAt', now);
		app.save(h);
	}
}

/**
 * The holders of the user's card, for the owner: who, via which event, level, revoked. The event
 * is named only when the owner belongs to it too (a holder cannot show them another event's name).
 * @param {core.App} app
 * @param {string} cardId
 * @param {string} ownerId
 * @returns {HolderRow[]}
 */
function listHolders(app, cardId, ownerId) {
	const rows = arrayOf(
		new DynamicModel({
			connection: '',
			holder: '',
			holderName: '',
			level: '',
			revoked: false,
			event: '',
			eventName: '',
			metAt: ''
		})
	);
	app
		.db()
		.newQuery(
			`SELECT c.id AS connection, c.owner AS holder, COALESCE(hc.name, '') AS holderName,
				COALESCE(c.level, '') AS level, c.revoked AS revoked, COALESCE(c.event, '') AS event,
				COALESCE(ev.name, '') AS eventName, COALESCE(c.metAt, '') AS metAt
			FROM connections c
			LEFT JOIN cards hc ON hc.owner = c.owner
			LEFT JOIN events ev ON ev.id = c.event AND (ev.organiser = {:owner}
				OR EXISTS (SELECT 1 FROM event_members m WHERE m.event = ev.id AND m.user = {:owner}))
			WHERE c.card = {:card} AND c.deleted = ''
			ORDER BY c.created DESC`
		)
		.bind({ card: cardId, owner: ownerId })
		.all(rows);
	return rows.map((r) => ({
		connection: r.connection,
		holder: r.holder,
		holderName: r.holderName,
		level: r.level === 'full' ? 'full' : 'event',
		revoked: !!r.revoked,
		event: r.eventName ? r.event : '',
		eventName: r.eventName,
		metAt: r.metAt
	}));
}

/**
 * Checks a body that changes a holder ({ level?, revoked? }): a failure, or null when fine.
 * @param {HolderBody | null} body as lib/http.js objectBody reads it (null: not a JSON object)
 * @returns {Failure | null}
 */
function holderBodyProblem(body) {
	const { unknownKeys } = require(`${__hooks}/lib/http.js`);
	if (!body || unknownKeys(body, ['level', 'revoked']).length) {
		return failure(400, 'invalid', 'Send { level?, revoked? }.');
	}
	if (body.level !== undefined && body.level !== 'event' && body.level !== 'full') {
		return failure(400, 'invalid', 'Level is "event" or "full".');
	}
	if (body.revoked !== undefined && typeof body.revoked !== 'boolean') {
		return failure(400, 'invalid', 'Revoked is true or false.');
	}
	return null;
}

/**
 * `holderId`'s connection to `cardId` (a live record, revoked or not), or null.
 * @param {core.App} app
 * @param {string} holderId
 * @param {string} cardId
 * @returns {core.Record | null}
 */
function holderConnection(app, holderId, cardId) {
	try {
		return app.findFirstRecordByFilter(
			'connections',
			"owner = {:o} && card = {:c} && deleted = ''",
			{ o: holderId, c: cardId }
		);
	} catch (_) {
		return null;
	}
}

/**
 * What the card's owner is told about a holder: their connection, level and revoked.
 * @param {core.Record} connection
 * @returns {HolderState}
 */
function holderState(connection) {
	return {
		connection: connection.id,
		level: connection.getString('level') === 'full' ? 'full' : 'event',
		revoked: connection.getBool('revoked')
	};
}

/**
 * Applies a checked body (see holderBodyProblem) to `connection`, a holder of `card` (checked by
 * the caller to be the signed-in user's card). Returns { connection, level, revoked, token? }.
 * @param {core.App} app
 * @param {core.Record} connection
 * @param {core.Record} card
 * @param {HolderBody} body
 * @returns {HolderChange}
 */
function changeHolder(app, connection, card, body) {
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
		connection.set('snapshot', levels.snapshotOf(card, connection.getString('level')));
	app.save(connection);
	/** @type {HolderChange} */
	const answer = holderState(connection);
	if (revokedAtMs) {
		// The owner's next code, issued after the revocation (tokens count whole seconds: the
		// next one), so that showing it again can reconnect this person at once.
		const tokens = require(`${__hooks}/lib/tokens.js`);
		const after = Math.floor(revokedAtMs / 1000) + 1;
		answer.token = tokens.issue(card.id, card.getInt('keyVersion') || 1, after);
	}
	return answer;
}

/**
 * From a person's page: my connection `connectionId` (mine, not forgotten, to their card) leads to
 * their connection to my card, if they hold it. Returns { myCard, theirs } (theirs null when they
 * do not hold it) or { failure }: anything but my own live connection to a card is the same 404.
 * @param {core.App} app
 * @param {string} userId
 * @param {string} connectionId
 * @returns {{ failure: Failure } | { myCard: core.Record | null, theirs: core.Record | null }}
 */
function personSharing(app, userId, connectionId) {
	const { findById, cardOf } = require(`${__hooks}/lib/records.js`);
	const notFound = { failure: failure(404, 'not_found', 'No such person of yours.') };
	const connection = findById(app, 'connections', connectionId);
	if (
		!connection ||
		connection.getString('owner') !== userId ||
		connection.getString('deleted') ||
		!connection.getString('card')
	) {
		return notFound;
	}
	const theirCard = findById(app, 'cards', connection.getString('card'));
	if (!theirCard) return notFound;
	const myCard = cardOf(app, userId);
	const theirs = myCard ? holderConnection(app, theirCard.getString('owner'), myCard.id) : null;
	return { myCard, theirs };
}

/**
 * From the holders list: a holder's connection `connectionId` to my card, with my card; the same
 * 404 for anything that is not a connection to a card of mine.
 * @param {core.App} app
 * @param {string} userId
 * @param {string} connectionId
 * @returns {{ failure: Failure } | { connection: core.Record, card: core.Record, failure?: undefined }}
 */
function holderOfMyCard(app, userId, connectionId) {
	const { findById } = require(`${__hooks}/lib/records.js`);
	const connection = findById(app, 'connections', connectionId);
	const card =
		connection && connection.getString('card')
			? findById(app, 'cards', connection.getString('card'))
			: null;
	if (!connection || !card || card.getString('owner') !== userId) {
		return { failure: failure(404, 'not_found', 'No such holder of your card.') };
	}
	return { connection, card };
}

/**
 * GET /api/tend/holders: who holds my card, and via which event.
 * @param {core.RequestEvent} e
 */
function holdersRoute(e) {
	const { failure, sendFailure, userOf } = require(`${__hooks}/lib/http.js`);
	const { cardOf } = require(`${__hooks}/lib/records.js`);
	const user = userOf(e);
	if (!user) return sendFailure(e, failure(401, 'unauthorized', 'Sign in first.'));
	const card = cardOf(e.app, user.id);
	if (!card) return e.json(200, { items: [] });
	return e.json(200, { items: listHolders(e.app, card.id, user.id) });
}

/**
 * The two ways to change a holder ({ level?, revoked? }): the user, the body checked, then the
 * holder's connection to my card that `find` names from the route's {connection}.
 * @param {core.RequestEvent} e
 * @param {(app: core.App, userId: string, connectionId: string) => { failure: Failure } | { connection: core.Record, card: core.Record }} find
 */
function changeHolderRoute(e, find) {
	const { failure, sendFailure, userOf, objectBody } = require(`${__hooks}/lib/http.js`);
	const user = userOf(e);
	if (!user) return sendFailure(e, failure(401, 'unauthorized', 'Sign in first.'));
	const body = objectBody(e);
	const problem = holderBodyProblem(body);
	if (problem) return sendFailure(e, problem);
	const found = find(
		e.app,
		user.id,
		/** @type {http.Request} */ (e.request).pathValue('connection')
	);
	if ('failure' in found) return sendFailure(e, found.failure);
	return e.json(200, changeHolder(e.app, found.connection, found.card, body));
}

/**
 * POST /api/tend/holders/{connection}: changes a holder from the holders list.
 * @param {core.RequestEvent} e
 */
function holderRoute(e) {
	return changeHolderRoute(e, holderOfMyCard);
}

/**
 * GET /api/tend/people/{connection}/sharing: whether that person holds my card, and how.
 * @param {core.RequestEvent} e
 */
function sharingRoute(e) {
	const { failure, sendFailure, userOf } = require(`${__hooks}/lib/http.js`);
	const user = userOf(e);
	if (!user) return sendFailure(e, failure(401, 'unauthorized', 'Sign in first.'));
	const found = personSharing(
		e.app,
		user.id,
		/** @type {http.Request} */ (e.request).pathValue('connection')
	);
	if ('failure' in found) return sendFailure(e, found.failure);
	if (!found.theirs) return e.json(200, { holds: false });
	return e.json(200, Object.assign({ holds: true }, holderState(found.theirs)));
}

/**
 * POST /api/tend/people/{connection}/sharing: changes that person's hold on my card.
 * @param {core.RequestEvent} e
 */
function changeSharingRoute(e) {
	return changeHolderRoute(e, (app, userId, connectionId) => {
		const found = personSharing(app, userId, connectionId);
		if ('failure' in found) return { failure: found.failure };
		if (!found.theirs || !found.myCard) {
			return { failure: failure(404, 'not_found', 'They do not hold your card.') };
		}
		return { connection: found.theirs, card: found.myCard };
	});
}

/**
 * onRecordUpdate (cards): once the card is saved, its changes reach the holders (their snapshots,
 * trimmed to each one's level, and a card change of what each can see). Compared after the save:
 * a new photo is a file until then, its stored name only after.
 * @param {core.RecordEvent} e
 */
function pushCardUpdate(e) {
	const { changedFields } = require(`${__hooks}/lib/levels.js`);
	const card = /** @type {core.Record} */ (e.record);
	const before = card.original();
	e.next();
	const changed = changedFields(before, card);
	const levelsChanged = toString(before.get('eventFields')) !== toString(card.get('eventFields'));
	if (changed.length || levelsChanged) recordCardChange(e.app, card, changed);
}

module.exports = {
	pushCardUpdate,
	holdersRoute,
	holderRoute,
	sharingRoute,
	changeSharingRoute,
	holderBodyProblem,
	holderOfMyCard,
	personSharing,
	holderConnection,
	holderState,
	changeHolder,
	levelOf,
	changesFor,
	recordCardChange,
	revokeAllHolders,
	listHolders
};

// Holders of a card: who holds it, at which level, and what they may see of it.
// Invariant: a holder's view (API reads, realtime, expands, snapshots) is the card at their
// level; a revoked holder keeps the snapshot they had and reads nothing more.
const levels = require(`${__hooks}/lib/levels.js`);

/** The level `userId` holds `cardId` at ('event' | 'full'), or '' when not a live holder. */
function levelOf(app, userId, cardId) {
	try {
		const c = app.findFirstRecordByFilter(
			'connections',
			'owner = {:o} && card = {:c} && revoked = false',
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

/** Who is asking, from an enrich event's request info: 'superuser', a user id, or ''. */
function requester(info) {
	const auth = info && info.auth;
	if (!auth) return '';
	if (auth.isSuperuser()) return 'superuser';
	return auth.id;
}

/** The card fields to hide from the requester (none for the owner or a superuser). */
function hiddenCardFields(app, info, card) {
	const who = requester(info);
	if (who === 'superuser' || (who && who === card.getString('owner'))) return [];
	const level = who ? levelOf(app, who, card.id) : '';
	const visible = level ? levels.visibleFields(card, level) : ['name'];
	return levels.CARD_FIELDS.filter((f) => visible.indexOf(f) < 0).concat(levels.OWNER_ONLY_FIELDS);
}

/** Trims a card change to the fields the requesting holder can see. */
function hiddenChangeFields(app, info, change) {
	const who = requester(info);
	if (who === 'superuser') return;
	let card;
	try {
		card = app.findRecordById('cards', change.getString('card'));
	} catch (_) {
		return;
	}
	if (who && who === card.getString('owner')) return;
	const visible = levels.visibleFields(card, levelOf(app, who, card.id) || 'event');
	const fields = levels.jsonOf(change, 'fields') || [];
	change.set(
		'fields',
		fields.filter((f) => visible.indexOf(f) >= 0)
	);
}

/** Records a change of `card` and refreshes the snapshot of every live holder. */
function recordCardChange(app, card, changed) {
	if (changed.length) {
		const change = new Record(app.findCachedCollectionByNameOrId('card_changes'));
		change.set('card', card.id);
		change.set('fields', changed);
		app.save(change);
	}
	const holders = app.findRecordsByFilter(
		'connections',
		'card = {:c} && revoked = false',
		'',
		0,
		0,
		{ c: card.id }
	);
	for (const h of holders) {
		const next = levels.snapshotOf(card, h.getString('level') === 'full' ? 'full' : 'event');
		if (JSON.stringify(next) === JSON.stringify(levels.jsonOf(h, 'snapshot'))) continue;
		h.set('snapshot', next);
		app.save(h);
	}
}

/** Marks every connection to a card revoked (the card is being deleted). */
function revokeAllHolders(app, cardId) {
	const holders = app.findRecordsByFilter(
		'connections',
		'card = {:c} && revoked = false',
		'',
		0,
		0,
		{ c: cardId }
	);
	for (const h of holders) {
		h.set('revoked', true);
		app.save(h);
	}
}

/** The holders of the user's card, for the owner: who, via which event, level, revoked. */
function listHolders(app, cardId) {
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
			LEFT JOIN events ev ON ev.id = c.event
			WHERE c.card = {:card}
			ORDER BY c.created DESC`
		)
		.bind({ card: cardId })
		.all(rows);
	return rows.map((r) => ({
		connection: r.connection,
		holder: r.holder,
		holderName: r.holderName,
		level: r.level === 'full' ? 'full' : 'event',
		revoked: !!r.revoked,
		event: r.event,
		eventName: r.eventName,
		metAt: r.metAt
	}));
}

module.exports = {
	levelOf,
	hiddenCardFields,
	hiddenChangeFields,
	recordCardChange,
	revokeAllHolders,
	listHolders
};

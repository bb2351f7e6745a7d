/// <reference path="../../.cache/pocketbase/types.d.ts" />
// Share levels by construction (no text guard on filters).
// PocketBase resolves relation paths in client filters and sorts (`card.lookingFor`,
// `connections_via_event.memoryNote`, `organiser.cards_via_owner.…`) without the related
// collection's rules: only `hidden` fields are refused on every path (list, view, sort,
// realtime, relation, back-relation) for everyone but superusers. So:
// - a card is read by its owner only; holders read the server-trimmed snapshot on their own
//   connection, and their own card changes (old → new of what their level shows);
// - invariant: a VISIBLE relation field only ever points at records of the same owner. Every
//   relation to someone else's record (a connection's card and event, a swap's card and event,
//   an event's organiser and members) is hidden; hooks unhide it in responses to the record's
//   owner where the device needs it (pb_hooks/private.pb.js). Hidden fields also cannot be set
//   through the records API by anyone but a superuser: they are the server's to write.
// - revoking binds to time (`revokedAt`, hidden): only a code issued after it reconnects.
// - join codes are chosen by the server (no code-existence oracle on create).

const OWNER_ONLY = 'owner = @request.auth.id';

/**
 * Sets `hidden` on the named (relation) fields of a collection.
 * @param {core.Collection} collection
 * @param {string[]} names
 * @param {boolean} isHidden
 */
function setHidden(collection, names, isHidden) {
	for (const name of names) {
		/** @type {core.RelationField} */ (collection.fields.getByName(name)).hidden = isHidden;
	}
}

migrate(
	(app) => {
		const usersId = app.findCollectionByNameOrId('users').id;

		const cards = app.findCollectionByNameOrId('cards');
		cards.listRule = OWNER_ONLY;
		cards.viewRule = OWNER_ONLY;
		app.save(cards);

		const connections = app.findCollectionByNameOrId('connections');
		setHidden(connections, ['card', 'event'], true);
		connections.fields.add(new DateField({ name: 'revokedAt', hidden: true }));
		app.save(connections);
		// Revoked before this migration: the last change of the connection was its revocation.
		app
			.db()
			.newQuery(
				"UPDATE connections SET revokedAt = updated WHERE revoked = TRUE AND revokedAt = ''"
			)
			.execute();

		const swaps = app.findCollectionByNameOrId('swaps');
		setHidden(swaps, ['card', 'event'], true);
		app.save(swaps);

		const events = app.findCollectionByNameOrId('events');
		setHidden(events, ['organiser', 'members'], true);
		events.updateRule =
			'organiser = @request.auth.id' +
			' && (@request.body.organiser:isset = false || @request.body.organiser = organiser)' +
			' && (@request.body.joinCode:isset = false || @request.body.joinCode = joinCode)';
		app.save(events);

		// Card changes: one record per holder and change, holding only what that holder's level
		// shows (old and new values), owned by the holder. The old shape (card + field names,
		// trimmed on read) is dropped: devices pull the new one from scratch.
		app.delete(app.findCollectionByNameOrId('card_changes'));
		const cardChanges = new Collection({
			type: 'base',
			name: 'card_changes',
			listRule: OWNER_ONLY,
			viewRule: OWNER_ONLY,
			// `undefined` is PocketBase's null rule, superusers only (see pocketbase/migrations.d.ts).
			createRule: undefined,
			updateRule: undefined,
			deleteRule: undefined,
			indexes: /** @type {PlainIndexes} */ ([
				'CREATE INDEX idx_card_changes_owner_updated ON card_changes (owner, updated)',
				'CREATE INDEX idx_card_changes_connection ON card_changes (connection, created)'
			])
		});
		cardChanges.fields.add(
			new RelationField({
				name: 'owner',
				required: true,
				collectionId: usersId,
				cascadeDelete: true,
				maxSelect: 1
			}),
			new RelationField({
				name: 'connection',
				required: true,
				collectionId: connections.id,
				cascadeDelete: true,
				maxSelect: 1
			}),
			// [{ field, from, to }]: card fields as the snapshot names them (photoUrl for the photo)
			new JSONField({ name: 'changes', maxSize: 20000 }),
			new AutodateField({ name: 'created', onCreate: true, onUpdate: false }),
			new AutodateField({ name: 'updated', onCreate: true, onUpdate: true })
		);
		app.save(cardChanges);
	},
	(app) => {
		const cards = app.findCollectionByNameOrId('cards');
		const holds =
			'(connections_via_card.owner ?= @request.auth.id && connections_via_card.revoked ?= false)';
		cards.listRule = `${OWNER_ONLY} || ${holds}`;
		cards.viewRule = `${OWNER_ONLY} || ${holds}`;
		app.save(cards);

		const connections = app.findCollectionByNameOrId('connections');
		setHidden(connections, ['card', 'event'], false);
		connections.fields.removeByName('revokedAt');
		app.save(connections);

		const swaps = app.findCollectionByNameOrId('swaps');
		setHidden(swaps, ['card', 'event'], false);
		app.save(swaps);

		const events = app.findCollectionByNameOrId('events');
		setHidden(events, ['organiser', 'members'], false);
		events.updateRule =
			'organiser = @request.auth.id && (@request.body.organiser:isset = false || @request.body.organiser = organiser)';
		app.save(events);

		app.delete(app.findCollectionByNameOrId('card_changes'));
		const holdsViaCard =
			'(card.connections_via_card.owner ?= @request.auth.id && card.connections_via_card.revoked ?= false)';
		const cardChanges = new Collection({
			type: 'base',
			name: 'card_changes',
			listRule: `card.owner = @request.auth.id || ${holdsViaCard}`,
			viewRule: `card.owner = @request.auth.id || ${holdsViaCard}`,
			createRule: undefined,
			updateRule: undefined,
			deleteRule: undefined,
			indexes: /** @type {PlainIndexes} */ ([
				'CREATE INDEX idx_card_changes_card ON card_changes (card, created)'
			])
		});
		cardChanges.fields.add(
			new RelationField({
				name: 'card',
				required: true,
				collectionId: cards.id,
				cascadeDelete: true,
				maxSelect: 1
			}),
			new JSONField({ name: 'fields', maxSize: 1000 }),
			new AutodateField({ name: 'created', onCreate: true, onUpdate: false }),
			new AutodateField({ name: 'updated', onCreate: true, onUpdate: true })
		);
		app.save(cardChanges);
	}
);

/// <reference path="../../.cache/pocketbase/types.d.ts" />
// The Tend data model: share levels on cards, events, connections (my private record about a
// person), interactions, follow-up decisions, card changes, swaps and share-backs.
// Invariants: every private record has an owner set by the server and rules
// `owner = @request.auth.id`; a card is readable by its owner and by users holding a non-revoked
// connection to it (the fields each holder sees are trimmed to their level by pb_hooks/cards.pb.js);
// swaps, card changes and share-backs are only ever written by the server (create rules null).

/** A rule fragment: the body may omit `field` or name the signed-in user. */
function selfOrUnset(field) {
	return `(@request.body.${field}:isset = false || @request.body.${field} = @request.auth.id)`;
}

/** A rule fragment: the body may omit `field` or repeat its current value. */
function unchanged(field) {
	return `(@request.body.${field}:isset = false || @request.body.${field} = ${field})`;
}

/**
 * A rule: the signed-in user holds a non-revoked connection to the card. Conditions on the same
 * back-relation path share one join row (joined ON connections.card = cards.id, indexed).
 */
function holds(cardPath) {
	const via = `${cardPath}connections_via_card`;
	return `(${via}.owner ?= @request.auth.id && ${via}.revoked ?= false)`;
}

const OWNER_ONLY = 'owner = @request.auth.id';
const ID_INDEX = (name) => `CREATE INDEX idx_${name}_owner_updated ON ${name} (owner, updated)`;

/** A private collection: owner-only rules, the owner set by a hook, timestamps. */
function privateCollection(usersId, name, fields, extra) {
	return new Collection({
		type: 'base',
		name,
		listRule: OWNER_ONLY,
		viewRule: OWNER_ONLY,
		createRule:
			`@request.auth.collectionName = "users" && ${selfOrUnset('owner')}` + (extra?.create ?? ''),
		updateRule: `${OWNER_ONLY} && ${selfOrUnset('owner')}` + (extra?.update ?? ''),
		deleteRule: OWNER_ONLY,
		fields: [
			{
				name: 'owner',
				type: 'relation',
				required: true,
				collectionId: usersId,
				cascadeDelete: true,
				maxSelect: 1
			},
			...fields,
			{ name: 'created', type: 'autodate', onCreate: true, onUpdate: false },
			{ name: 'updated', type: 'autodate', onCreate: true, onUpdate: true }
		],
		indexes: [ID_INDEX(name), ...(extra?.indexes ?? [])]
	});
}

migrate(
	(app) => {
		const usersId = app.findCollectionByNameOrId('users').id;
		const cards = app.findCollectionByNameOrId('cards');

		const events = new Collection({
			type: 'base',
			name: 'events',
			listRule: 'organiser = @request.auth.id || members:each ?= @request.auth.id',
			viewRule: 'organiser = @request.auth.id || members:each ?= @request.auth.id',
			createRule: `@request.auth.collectionName = "users" && ${selfOrUnset('organiser')}`,
			updateRule: `organiser = @request.auth.id && ${unchanged('organiser')}`,
			deleteRule: 'organiser = @request.auth.id',
			fields: [
				{ name: 'name', type: 'text', required: true, min: 1, max: 120 },
				{ name: 'startsAt', type: 'date' },
				{ name: 'endsAt', type: 'date' },
				{ name: 'place', type: 'text', max: 200 },
				{ name: 'joinCode', type: 'text', required: true, min: 6, max: 12, pattern: '^[A-Z0-9]+$' },
				// Kept when the organiser deletes their account: the attendees' records point at it.
				{
					name: 'organiser',
					type: 'relation',
					collectionId: usersId,
					cascadeDelete: false,
					maxSelect: 1
				},
				{
					name: 'members',
					type: 'relation',
					collectionId: usersId,
					cascadeDelete: false,
					maxSelect: 10000
				},
				{ name: 'created', type: 'autodate', onCreate: true, onUpdate: false },
				{ name: 'updated', type: 'autodate', onCreate: true, onUpdate: true }
			],
			indexes: ['CREATE UNIQUE INDEX idx_events_joinCode ON events (joinCode)']
		});
		app.save(events);

		const connections = privateCollection(
			usersId,
			'connections',
			[
				// Set only by the swap; cleared (and `revoked` set) when the card is deleted.
				{
					name: 'card',
					type: 'relation',
					collectionId: cards.id,
					cascadeDelete: false,
					maxSelect: 1
				},
				{ name: 'snapshot', type: 'json', maxSize: 8000 },
				{
					name: 'event',
					type: 'relation',
					collectionId: events.id,
					cascadeDelete: false,
					maxSelect: 1
				},
				{ name: 'metAt', type: 'date' },
				{
					name: 'channel',
					type: 'select',
					values: ['in_person', 'online', 'workplace'],
					maxSelect: 1
				},
				{ name: 'memoryNote', type: 'text', max: 1000 },
				{ name: 'howICanHelp', type: 'text', max: 1000 },
				{ name: 'promise', type: 'text', max: 500 },
				{ name: 'tags', type: 'json', maxSize: 2000 },
				{
					name: 'cadence',
					type: 'select',
					values: ['close', 'regular', 'occasional', 'none'],
					maxSelect: 1
				},
				{ name: 'needsNote', type: 'bool' },
				// Decided by the card's owner (never by the holder): see /api/tend/holders.
				{ name: 'revoked', type: 'bool' },
				{ name: 'level', type: 'select', values: ['event', 'full'], maxSelect: 1 },
				{ name: 'archived', type: 'bool' }
			],
			{
				// A holder can never point a connection at a card, un-revoke it or raise its level.
				create:
					' && (@request.body.card:isset = false || @request.body.card = "")' +
					' && (@request.body.revoked:isset = false || @request.body.revoked = false)' +
					' && (@request.body.level:isset = false || @request.body.level = "")',
				update: ` && ${unchanged('card')} && ${unchanged('revoked')} && ${unchanged('level')}`,
				indexes: [
					'CREATE INDEX idx_connections_card_owner ON connections (card, owner)',
					// one connection per person and card: a racing second swap fails and its retry finds the first
					"CREATE UNIQUE INDEX idx_connections_owner_card ON connections (owner, card) WHERE card != ''"
				]
			}
		);
		app.save(connections);

		const interactions = privateCollection(usersId, 'interactions', [
			{
				name: 'kind',
				type: 'select',
				required: true,
				values: ['met', 'note', 'gave', 'asked', 'introduced', 'followed_up'],
				maxSelect: 1
			},
			{ name: 'text', type: 'text', max: 2000 },
			{ name: 'at', type: 'date', required: true },
			{
				name: 'people',
				type: 'relation',
				collectionId: connections.id,
				cascadeDelete: false,
				maxSelect: 50
			}
		]);
		app.save(interactions);

		const decisions = privateCollection(usersId, 'decisions', [
			{ name: 'promptId', type: 'text', required: true, min: 1, max: 200 },
			{
				name: 'state',
				type: 'select',
				required: true,
				values: ['done', 'snoozed', 'dismissed'],
				maxSelect: 1
			},
			{ name: 'until', type: 'date' }
		]);
		app.save(decisions);

		const cardChanges = new Collection({
			type: 'base',
			name: 'card_changes',
			listRule: `card.owner = @request.auth.id || ${holds('card.')}`,
			viewRule: `card.owner = @request.auth.id || ${holds('card.')}`,
			createRule: null,
			updateRule: null,
			deleteRule: null,
			fields: [
				{
					name: 'card',
					type: 'relation',
					required: true,
					collectionId: cards.id,
					cascadeDelete: true,
					maxSelect: 1
				},
				{ name: 'fields', type: 'json', maxSize: 1000 },
				{ name: 'created', type: 'autodate', onCreate: true, onUpdate: false },
				{ name: 'updated', type: 'autodate', onCreate: true, onUpdate: true }
			],
			indexes: ['CREATE INDEX idx_card_changes_card ON card_changes (card, created)']
		});
		app.save(cardChanges);

		const swaps = new Collection({
			type: 'base',
			name: 'swaps',
			listRule: OWNER_ONLY,
			viewRule: OWNER_ONLY,
			createRule: null, // only through POST /api/tend/swaps
			updateRule: null,
			deleteRule: null,
			fields: [
				{
					name: 'owner',
					type: 'relation',
					required: true,
					collectionId: usersId,
					cascadeDelete: true,
					maxSelect: 1
				},
				{
					name: 'card',
					type: 'relation',
					collectionId: cards.id,
					cascadeDelete: false,
					maxSelect: 1
				},
				{
					name: 'event',
					type: 'relation',
					collectionId: events.id,
					cascadeDelete: false,
					maxSelect: 1
				},
				{ name: 'scannedAt', type: 'date', required: true },
				{
					name: 'connection',
					type: 'relation',
					collectionId: connections.id,
					cascadeDelete: false,
					maxSelect: 1
				},
				{ name: 'peerConnection', type: 'text', max: 15 }, // the card owner's side: not the scanner's to read
				{ name: 'created', type: 'autodate', onCreate: true, onUpdate: false },
				{ name: 'updated', type: 'autodate', onCreate: true, onUpdate: true }
			],
			indexes: [ID_INDEX('swaps'), 'CREATE INDEX idx_swaps_owner_created ON swaps (owner, created)']
		});
		app.save(swaps);

		const shareBacks = new Collection({
			type: 'base',
			name: 'share_backs',
			listRule: 'card.owner = @request.auth.id',
			viewRule: 'card.owner = @request.auth.id',
			createRule: null, // only through POST /api/tend/public/share-back
			updateRule: null,
			deleteRule: 'card.owner = @request.auth.id', // the device turns it into a contact, then deletes it
			fields: [
				{
					name: 'card',
					type: 'relation',
					required: true,
					collectionId: cards.id,
					cascadeDelete: true,
					maxSelect: 1
				},
				{ name: 'name', type: 'text', required: true, min: 1, max: 80 },
				{ name: 'email', type: 'email', required: true },
				{ name: 'note', type: 'text', max: 500 },
				{ name: 'created', type: 'autodate', onCreate: true, onUpdate: false },
				{ name: 'updated', type: 'autodate', onCreate: true, onUpdate: true }
			],
			indexes: ['CREATE INDEX idx_share_backs_card ON share_backs (card, created)']
		});
		app.save(shareBacks);

		// Cards: share levels, the swap-token key version, and holders may read.
		cards.fields.add(new Field({ name: 'eventFields', type: 'json', maxSize: 300 }));
		cards.fields.add(
			new Field({ name: 'keyVersion', type: 'number', onlyInt: true, min: 1, max: 1679615 })
		);
		cards.listRule = `owner = @request.auth.id || ${holds('')}`;
		cards.viewRule = `owner = @request.auth.id || ${holds('')}`;
		// keyVersion only moves through POST /api/tend/token/rotate.
		cards.createRule =
			`@request.auth.collectionName = "users" && ${selfOrUnset('owner')}` +
			' && @request.body.keyVersion:isset = false';
		cards.updateRule = `owner = @request.auth.id && ${selfOrUnset('owner')} && ${unchanged('keyVersion')}`;
		app.save(cards);
		app
			.db()
			.newQuery('UPDATE cards SET keyVersion = 1 WHERE keyVersion IS NULL OR keyVersion < 1')
			.execute();

		const settings = app.settings();
		settings.rateLimits.rules = [
			{ label: '*:auth', audience: '@guest', duration: 60, maxRequests: 60 },
			{ label: 'users:create', audience: '@guest', duration: 60, maxRequests: 30 },
			{ label: '*:requestPasswordReset', audience: '@guest', duration: 60, maxRequests: 5 },
			{ label: '*:requestVerification', audience: '@guest', duration: 60, maxRequests: 5 },
			// Anonymous public card page: per IP for everyone (a signed-in visitor is no exception).
			{ label: 'POST /api/tend/public/share-back', audience: '', duration: 60, maxRequests: 20 },
			{ label: '/api/tend/public/', audience: '', duration: 60, maxRequests: 120 },
			{ label: '/api/', audience: '@guest', duration: 10, maxRequests: 300 }
		];
		app.save(settings);
	},
	(app) => {
		for (const name of ['share_backs', 'swaps', 'card_changes', 'decisions', 'interactions']) {
			app.delete(app.findCollectionByNameOrId(name));
		}
		const cards = app.findCollectionByNameOrId('cards');
		cards.fields.removeByName('eventFields');
		cards.fields.removeByName('keyVersion');
		cards.listRule = OWNER_ONLY;
		cards.viewRule = OWNER_ONLY;
		cards.createRule = `@request.auth.id != "" && ${selfOrUnset('owner')}`;
		cards.updateRule = `owner = @request.auth.id && ${selfOrUnset('owner')}`;
		app.save(cards);
		app.delete(app.findCollectionByNameOrId('connections'));
		app.delete(app.findCollectionByNameOrId('events'));
		const settings = app.settings();
		settings.rateLimits.rules = settings.rateLimits.rules.filter(
			(r) => !r.label.includes('/api/tend/public/')
		);
		settings.rateLimits.rules.splice(4, 0, {
			label: '/api/tend/public/',
			audience: '@guest',
			duration: 60,
			maxRequests: 120
		});
		app.save(settings);
	}
);

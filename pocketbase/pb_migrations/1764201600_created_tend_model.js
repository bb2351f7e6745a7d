/// <reference path="../../.cache/pocketbase/types.d.ts" />
// The Tend data model: share levels on cards, events, connections (my private record about a
// person), interactions, follow-up decisions, card changes, swaps and share-backs.
// Invariants: every private record has an owner set by the server and rules
// `owner = @request.auth.id`; a card is readable by its owner and by users holding a non-revoked
// connection to it (the fields each holder sees are trimmed to their level by pb_hooks/cards.pb.js);
// swaps, card changes and share-backs are only ever written by the server (create rules null).

/**
 * A rule fragment: the body may omit `field` or name the signed-in user.
 * @param {string} field
 */
function selfOrUnset(field) {
	return `(@request.body.${field}:isset = false || @request.body.${field} = @request.auth.id)`;
}

/**
 * A rule fragment: the body may omit `field` or repeat its current value.
 * @param {string} field
 */
function unchanged(field) {
	return `(@request.body.${field}:isset = false || @request.body.${field} = ${field})`;
}

/**
 * A rule: the signed-in user holds a non-revoked connection to the card. Conditions on the same
 * back-relation path share one join row (joined ON connections.card = cards.id, indexed).
 * @param {string} cardPath the path to the card (`card.`) or '' for the cards collection itself
 */
function holds(cardPath) {
	const via = `${cardPath}connections_via_card`;
	return `(${via}.owner ?= @request.auth.id && ${via}.revoked ?= false)`;
}

const OWNER_ONLY = 'owner = @request.auth.id';
const ID_INDEX = (/** @type {string} */ name) =>
	`CREATE INDEX idx_${name}_owner_updated ON ${name} (owner, updated)`;

/**
 * A private collection: owner-only rules, the owner set by a hook, timestamps.
 * @param {string} usersId
 * @param {string} name
 * @param {core.Field[]} fields its own fields, between the owner and the timestamps
 * @param {{ create?: string, update?: string, indexes?: string[] }} [extra] rule conditions and indexes to add
 */
function privateCollection(usersId, name, fields, extra) {
	const collection = new Collection({
		type: 'base',
		name,
		listRule: OWNER_ONLY,
		viewRule: OWNER_ONLY,
		createRule:
			`@request.auth.collectionName = "users" && ${selfOrUnset('owner')}` + (extra?.create ?? ''),
		updateRule: `${OWNER_ONLY} && ${selfOrUnset('owner')}` + (extra?.update ?? ''),
		deleteRule: OWNER_ONLY,
		indexes: /** @type {PlainIndexes} */ ([ID_INDEX(name), ...(extra?.indexes ?? [])])
	});
	collection.fields.add(
		new RelationField({
			name: 'owner',
			required: true,
			collectionId: usersId,
			cascadeDelete: true,
			maxSelect: 1
		}),
		...fields,
		new AutodateField({ name: 'created', onCreate: true, onUpdate: false }),
		new AutodateField({ name: 'updated', onCreate: true, onUpdate: true })
	);
	return collection;
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
			indexes: /** @type {PlainIndexes} */ ([
				'CREATE UNIQUE INDEX idx_events_joinCode ON events (joinCode)'
			])
		});
		events.fields.add(
			new TextField({ name: 'name', required: true, min: 1, max: 120 }),
			new DateField({ name: 'startsAt' }),
			new DateField({ name: 'endsAt' }),
			new TextField({ name: 'place', max: 200 }),
			new TextField({ name: 'joinCode', required: true, min: 6, max: 12, pattern: '^[A-Z0-9]+$' }),
			// Kept when the organiser deletes their account: the attendees' records point at it.
			new RelationField({
				name: 'organiser',
				collectionId: usersId,
				cascadeDelete: false,
				maxSelect: 1
			}),
			new RelationField({
				name: 'members',
				collectionId: usersId,
				cascadeDelete: false,
				maxSelect: 10000
			}),
			new AutodateField({ name: 'created', onCreate: true, onUpdate: false }),
			new AutodateField({ name: 'updated', onCreate: true, onUpdate: true })
		);
		app.save(events);

		const connections = privateCollection(
			usersId,
			'connections',
			[
				// Set only by the swap; cleared (and `revoked` set) when the card is deleted.
				new RelationField({
					name: 'card',
					collectionId: cards.id,
					cascadeDelete: false,
					maxSelect: 1
				}),
				new JSONField({ name: 'snapshot', maxSize: 8000 }),
				new RelationField({
					name: 'event',
					collectionId: events.id,
					cascadeDelete: false,
					maxSelect: 1
				}),
				new DateField({ name: 'metAt' }),
				new SelectField({
					name: 'channel',
					values: ['in_person', 'online', 'workplace'],
					maxSelect: 1
				}),
				new TextField({ name: 'memoryNote', max: 1000 }),
				new TextField({ name: 'howICanHelp', max: 1000 }),
				new TextField({ name: 'promise', max: 500 }),
				new JSONField({ name: 'tags', maxSize: 2000 }),
				new SelectField({
					name: 'cadence',
					values: ['close', 'regular', 'occasional', 'none'],
					maxSelect: 1
				}),
				new BoolField({ name: 'needsNote' }),
				// Decided by the card's owner (never by the holder): see /api/tend/holders.
				new BoolField({ name: 'revoked' }),
				new SelectField({ name: 'level', values: ['event', 'full'], maxSelect: 1 }),
				new BoolField({ name: 'archived' })
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
			new SelectField({
				name: 'kind',
				required: true,
				values: ['met', 'note', 'gave', 'asked', 'introduced', 'followed_up'],
				maxSelect: 1
			}),
			new TextField({ name: 'text', max: 2000 }),
			new DateField({ name: 'at', required: true }),
			new RelationField({
				name: 'people',
				collectionId: connections.id,
				cascadeDelete: false,
				maxSelect: 50
			})
		]);
		app.save(interactions);

		const decisions = privateCollection(usersId, 'decisions', [
			new TextField({ name: 'promptId', required: true, min: 1, max: 200 }),
			new SelectField({
				name: 'state',
				required: true,
				values: ['done', 'snoozed', 'dismissed'],
				maxSelect: 1
			}),
			new DateField({ name: 'until' })
		]);
		app.save(decisions);

		const cardChanges = new Collection({
			type: 'base',
			name: 'card_changes',
			listRule: `card.owner = @request.auth.id || ${holds('card.')}`,
			viewRule: `card.owner = @request.auth.id || ${holds('card.')}`,
			// `undefined` is PocketBase's null rule, superusers only (see pocketbase/migrations.d.ts).
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

		const swaps = new Collection({
			type: 'base',
			name: 'swaps',
			listRule: OWNER_ONLY,
			viewRule: OWNER_ONLY,
			createRule: undefined, // only through POST /api/tend/swaps
			updateRule: undefined,
			deleteRule: undefined,
			indexes: /** @type {PlainIndexes} */ ([
				ID_INDEX('swaps'),
				'CREATE INDEX idx_swaps_owner_created ON swaps (owner, created)'
			])
		});
		swaps.fields.add(
			new RelationField({
				name: 'owner',
				required: true,
				collectionId: usersId,
				cascadeDelete: true,
				maxSelect: 1
			}),
			new RelationField({
				name: 'card',
				collectionId: cards.id,
				cascadeDelete: false,
				maxSelect: 1
			}),
			new RelationField({
				name: 'event',
				collectionId: events.id,
				cascadeDelete: false,
				maxSelect: 1
			}),
			new DateField({ name: 'scannedAt', required: true }),
			new RelationField({
				name: 'connection',
				collectionId: connections.id,
				cascadeDelete: false,
				maxSelect: 1
			}),
			new TextField({ name: 'peerConnection', max: 15 }), // the card owner's side: not the scanner's to read
			new AutodateField({ name: 'created', onCreate: true, onUpdate: false }),
			new AutodateField({ name: 'updated', onCreate: true, onUpdate: true })
		);
		app.save(swaps);

		const shareBacks = new Collection({
			type: 'base',
			name: 'share_backs',
			listRule: 'card.owner = @request.auth.id',
			viewRule: 'card.owner = @request.auth.id',
			createRule: undefined, // only through POST /api/tend/public/share-back
			updateRule: undefined,
			deleteRule: 'card.owner = @request.auth.id', // the device turns it into a contact, then deletes it
			indexes: /** @type {PlainIndexes} */ ([
				'CREATE INDEX idx_share_backs_card ON share_backs (card, created)'
			])
		});
		shareBacks.fields.add(
			new RelationField({
				name: 'card',
				required: true,
				collectionId: cards.id,
				cascadeDelete: true,
				maxSelect: 1
			}),
			new TextField({ name: 'name', required: true, min: 1, max: 80 }),
			new EmailField({ name: 'email', required: true }),
			new TextField({ name: 'note', max: 500 }),
			new AutodateField({ name: 'created', onCreate: true, onUpdate: false }),
			new AutodateField({ name: 'updated', onCreate: true, onUpdate: true })
		);
		app.save(shareBacks);

		// Cards: share levels, the swap-token key version, and holders may read.
		cards.fields.add(new JSONField({ name: 'eventFields', maxSize: 300 }));
		cards.fields.add(new NumberField({ name: 'keyVersion', onlyInt: true, min: 1, max: 1679615 }));
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
		settings.rateLimits.rules = /** @type {PlainRateLimitRule[]} */ ([
			{ label: '*:auth', audience: '@guest', duration: 60, maxRequests: 60 },
			{ label: 'users:create', audience: '@guest', duration: 60, maxRequests: 30 },
			{ label: '*:requestPasswordReset', audience: '@guest', duration: 60, maxRequests: 5 },
			{ label: '*:requestVerification', audience: '@guest', duration: 60, maxRequests: 5 },
			// Anonymous public card page: per IP for everyone (a signed-in visitor is no exception).
			{ label: 'POST /api/tend/public/share-back', audience: '', duration: 60, maxRequests: 20 },
			{ label: '/api/tend/public/', audience: '', duration: 60, maxRequests: 120 },
			{ label: '/api/', audience: '@guest', duration: 10, maxRequests: 300 }
		]);
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
		settings.rateLimits.rules.splice(
			4,
			0,
			/** @type {PlainRateLimitRule} */ ({
				label: '/api/tend/public/',
				audience: '@guest',
				duration: 60,
				maxRequests: 120
			})
		);
		app.save(settings);
	}
);

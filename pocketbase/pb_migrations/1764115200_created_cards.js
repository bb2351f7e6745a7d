/// <reference path="../../.cache/pocketbase/types.d.ts" />
// Foundation: app settings the client relies on, the users auth options and the cards collection.
// A card is readable and writable by its owner only (holders come with the swap migrations).
migrate(
	(app) => {
		const settings = app.settings();
		settings.meta.appName = 'Tend';
		// The outbox drains through the batch API: one request carries many queued changes.
		settings.batch.enabled = true;
		settings.batch.maxRequests = 100;
		settings.batch.timeout = 10;
		// Per-IP limits guard only anonymous endpoints and sign-in: a venue puts thousands of
		// phones behind one IP, so authenticated traffic is limited per user in the hooks.
		settings.rateLimits.enabled = true;
		settings.rateLimits.rules = /** @type {PlainRateLimitRule[]} */ ([
			{ label: '*:auth', audience: '@guest', duration: 60, maxRequests: 60 },
			{ label: 'users:create', audience: '@guest', duration: 60, maxRequests: 30 },
			{ label: '*:requestPasswordReset', audience: '@guest', duration: 60, maxRequests: 5 },
			{ label: '*:requestVerification', audience: '@guest', duration: 60, maxRequests: 5 },
			{ label: '/api/tend/public/', audience: '@guest', duration: 60, maxRequests: 120 },
			{ label: '/api/', audience: '@guest', duration: 10, maxRequests: 300 }
		]);
		app.save(settings);

		const users = app.findCollectionByNameOrId('users');
		// Long enough to stay signed in through an offline week; refreshed whenever online.
		users.authToken.duration = 30 * 24 * 60 * 60;
		users.passwordAuth.identityFields = ['email'];
		const password = /** @type {core.PasswordField} */ (users.fields.getByName('password'));
		password.min = 10;
		password.max = 71; // bcrypt reads at most 72 bytes
		app.save(users);

		const cards = new Collection({
			type: 'base',
			name: 'cards',
			listRule: 'owner = @request.auth.id',
			viewRule: 'owner = @request.auth.id',
			// The owner is set by a hook from the auth record; a body naming anyone else is refused.
			createRule:
				'@request.auth.id != "" && (@request.body.owner:isset = false || @request.body.owner = @request.auth.id)',
			updateRule:
				'owner = @request.auth.id && (@request.body.owner:isset = false || @request.body.owner = @request.auth.id)',
			deleteRule: 'owner = @request.auth.id',
			indexes: /** @type {PlainIndexes} */ ([
				'CREATE UNIQUE INDEX idx_cards_owner ON cards (owner)',
				'CREATE INDEX idx_cards_updated ON cards (updated)'
			])
		});
		cards.fields.add(
			new RelationField({
				name: 'owner',
				required: true,
				collectionId: users.id,
				cascadeDelete: true,
				maxSelect: 1
			}),
			new TextField({ name: 'name', required: true, min: 1, max: 80 }),
			new TextField({ name: 'headline', max: 120 }),
			new TextField({ name: 'company', max: 100 }),
			new TextField({ name: 'canHelpWith', max: 500 }),
			new TextField({ name: 'lookingFor', max: 500 }),
			new JSONField({ name: 'links', maxSize: 4000 }),
			new FileField({
				name: 'photo',
				maxSelect: 1,
				maxSize: 2 * 1024 * 1024,
				mimeTypes: ['image/jpeg', 'image/png', 'image/webp'],
				thumbs: ['128x128', '400x400']
			}),
			new AutodateField({ name: 'created', onCreate: true, onUpdate: false }),
			new AutodateField({ name: 'updated', onCreate: true, onUpdate: true })
		);
		app.save(cards);
	},
	(app) => {
		app.delete(app.findCollectionByNameOrId('cards'));
		const users = app.findCollectionByNameOrId('users');
		users.authToken.duration = 604800;
		const password = /** @type {core.PasswordField} */ (users.fields.getByName('password'));
		password.min = 8;
		password.max = 0;
		app.save(users);
		const settings = app.settings();
		settings.batch.enabled = false;
		settings.rateLimits.enabled = false;
		settings.rateLimits.rules = [];
		app.save(settings);
	}
);

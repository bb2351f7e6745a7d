/// <reference path="../../.cache/pocketbase/types.d.ts" />
// Follow-ups: one decision per owner and prompt, the undo state, and the follow-up settings.
// - decisions: a UNIQUE index on (owner, promptId). Devices derive a decision's id from (owner,
//   promptId) (src/lib/domain/follow-ups/decision-id.ts), so two devices deciding the same prompt
//   offline send creates with the same id; the create hook (pb_hooks/private.pb.js,
//   lib/decisions.js) answers the second as an upsert. A create with any other id for a decided
//   prompt is refused by the index. Older duplicates (none is expected) are settled first: the
//   newest live one stays, the others become tombstones (so devices learn of them) whose promptId
//   names their own id, out of the way of the index.
// - decisions: state `open` ("undone": the prompt is back). An undo writes it, because a tombstone
//   never comes back, and with deterministic ids the prompt's decision is that one record.
// - settings: one record per user, its id the user's id, created by the server (a hook when a
//   user is created, and here for the users who exist); the owner reads and updates it, never
//   creates, deletes or hands it to someone else.
// Down: `open` decisions go (open means "no decision"), the index and the settings collection go.

const STATES_BEFORE = ['done', 'snoozed', 'dismissed'];
const STATES_AFTER = ['done', 'snoozed', 'dismissed', 'open'];
const UNIQUE_PROMPT =
	'CREATE UNIQUE INDEX idx_decisions_owner_promptId ON decisions (owner, promptId)';
const OWNER_ONLY = 'owner = @request.auth.id';
const DEFAULT_DAILY_CAP = 5;
const DEFAULT_CADENCE = 'occasional';

/**
 * Settles decisions that share an owner and a prompt id, so the unique index can be made.
 * @param {CoreApp} app
 */
function settleDuplicateDecisions(app) {
	const now = new Date().toISOString().replace('T', ' ');
	const groups = arrayOf(new DynamicModel({ owner: '', promptId: '' }));
	app
		.db()
		.newQuery('SELECT owner, promptId FROM decisions GROUP BY owner, promptId HAVING COUNT(*) > 1')
		.all(groups);
	for (const group of groups) {
		// Live before tombstones, then the newest: the first stays.
		const records = /** @type {core.Record[]} */ (
			app.findRecordsByFilter(
				'decisions',
				'owner = {:owner} && promptId = {:promptId}',
				'-updated,-id',
				0,
				0,
				{ owner: group.owner, promptId: group.promptId }
			)
		);
		records.sort(
			(a, b) => Number(a.getString('deleted') !== '') - Number(b.getString('deleted') !== '')
		);
		for (const record of records.slice(1)) {
			record.set('promptId', `superseded:${record.id}`);
			record.set('until', '');
			if (record.getString('deleted') === '') record.set('deleted', now);
			app.save(record);
		}
	}
}

migrate(
	(app) => {
		const usersId = app.findCollectionByNameOrId('users').id;

		const decisions = app.findCollectionByNameOrId('decisions');
		/** @type {core.SelectField} */ (decisions.fields.getByName('state')).values = STATES_AFTER;
		app.save(decisions);
		settleDuplicateDecisions(app);
		decisions.indexes = /** @type {PlainIndexes} */ (decisions.indexes.concat([UNIQUE_PROMPT]));
		app.save(decisions);

		const settings = new Collection({
			type: 'base',
			name: 'settings',
			listRule: OWNER_ONLY,
			viewRule: OWNER_ONLY,
			// `undefined` is PocketBase's null rule, superusers only (see pocketbase/migrations.d.ts).
			createRule: undefined, // the server creates it (pb_hooks/private.pb.js and the backfill below)
			// The device sends the whole record back, owner included: the owner may only repeat itself.
			updateRule: `${OWNER_ONLY} && (@request.body.owner:isset = false || @request.body.owner = @request.auth.id)`,
			deleteRule: undefined, // goes with the account (cascade)
			indexes: /** @type {PlainIndexes} */ ([
				'CREATE UNIQUE INDEX idx_settings_owner ON settings (owner)'
			])
		});
		settings.fields.add(
			new RelationField({
				name: 'owner',
				required: true,
				collectionId: usersId,
				cascadeDelete: true,
				maxSelect: 1
			}),
			new NumberField({ name: 'dailyCap', required: true, onlyInt: true, min: 1, max: 20 }),
			new SelectField({
				name: 'defaultCadence',
				required: true,
				values: ['close', 'regular', 'occasional', 'none'],
				maxSelect: 1
			}),
			new AutodateField({ name: 'created', onCreate: true, onUpdate: false }),
			new AutodateField({ name: 'updated', onCreate: true, onUpdate: true })
		);
		app.save(settings);

		// Every existing user gets theirs (one statement: a conference may have tens of thousands).
		app
			.db()
			.newQuery(
				'INSERT INTO settings (id, owner, dailyCap, defaultCadence, created, updated) ' +
					"SELECT u.id, u.id, {:cap}, {:cadence}, strftime('%Y-%m-%d %H:%M:%fZ', 'now'), " +
					"strftime('%Y-%m-%d %H:%M:%fZ', 'now') FROM users u " +
					'WHERE NOT EXISTS (SELECT 1 FROM settings s WHERE s.id = u.id)'
			)
			.bind({ cap: DEFAULT_DAILY_CAP, cadence: DEFAULT_CADENCE })
			.execute();
	},
	(app) => {
		app.delete(app.findCollectionByNameOrId('settings'));
		const open = /** @type {core.Record[]} */ (
			app.findRecordsByFilter('decisions', "state = 'open'", '', 0, 0)
		);
		for (const record of open) {
			app.delete(record);
		}
		const decisions = app.findCollectionByNameOrId('decisions');
		decisions.indexes = /** @type {PlainIndexes} */ (
			decisions.indexes.filter((i) => i !== UNIQUE_PROMPT)
		);
		/** @type {core.SelectField} */ (decisions.fields.getByName('state')).values = STATES_BEFORE;
		app.save(decisions);
	}
);

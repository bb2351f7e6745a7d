/// <reference path="../../.cache/pocketbase/types.d.ts" />
// Events (issue 12): membership is its own collection, one record per member and event, so a
// conference of 70,000 joins by inserts instead of rewriting one growing `members` array.
// - event_members: `event` and `user`, both hidden (a hidden field is refused on every client
//   path, forward, `_via_` back-relation and @collection, for everyone but superusers, while rules
//   still read it), unique (event, user). A member lists and views only their own rows; nobody
//   writes them through the records API (POST /api/tend/events/join and …/leave do, pb_hooks/
//   events.pb.js). The organiser is never a member row: they see their event as its organiser.
// - events: `timeZone` (an IANA name, '' = the device's own) and `joiningClosed`; the list and
//   view rules go through `@request.auth.event_members_via_user`, which joins only MY membership
//   rows (index on user), never the event's 70,000; every rule first requires a signed-in user
//   (an event whose organiser deleted their account has organiser '' and must not match anonymous).
// - the `members` values become event_members rows (the organiser's own id is dropped) and the
//   field goes. Indexes for the organiser's totals (connections and swaps by event, follow-ups by
//   owner) are partial, so swaps and met rows away from events cost nothing extra.
// Down: `members` comes back filled from event_members (oldest first), the rest goes.

const SIGNED_IN = '@request.auth.id != ""';
const ORGANISER = `${SIGNED_IN} && organiser = @request.auth.id`;
const READ_BEFORE = 'organiser = @request.auth.id || members:each ?= @request.auth.id';
const READ_AFTER = `${SIGNED_IN} && (organiser = @request.auth.id || @request.auth.event_members_via_user.event ?= id)`;
const UNCHANGED =
	' && (@request.body.organiser:isset = false || @request.body.organiser = organiser)' +
	' && (@request.body.joinCode:isset = false || @request.body.joinCode = joinCode)';
const UPDATE_BEFORE = 'organiser = @request.auth.id' + UNCHANGED;
const UPDATE_AFTER = ORGANISER + UNCHANGED;
const DELETE_BEFORE = 'organiser = @request.auth.id';

/** An IANA zone name (`Europe/Berlin`, `America/Argentina/Buenos_Aires`, `Etc/GMT+5`, `UTC`). */
const TIME_ZONE = '^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+){0,2}$';

const NOW = "strftime('%Y-%m-%d %H:%M:%fZ', 'now')";
// PocketBase's own default id expression: 15 characters [a-z0-9].
const RANDOM_ID = "'r' || lower(hex(randomblob(7)))";

/** Indexes this migration adds to other collections. @type {[collection: string, index: string][]} */
const TOTALS_INDEXES = [
	['connections', "CREATE INDEX idx_connections_event ON connections (event) WHERE event != ''"],
	['swaps', "CREATE INDEX idx_swaps_event ON swaps (event) WHERE event != ''"],
	// (no parentheses after WHERE: PocketBase's index parser takes the last one as the columns' end)
	[
		'interactions',
		'CREATE INDEX idx_interactions_follow_ups ON interactions (owner, at) ' +
			"WHERE kind != 'met' AND kind != 'note' AND deleted = ''"
	]
];

/**
 * Adds (or removes) the indexes of TOTALS_INDEXES.
 * @param {CoreApp} app
 * @param {boolean} isAdded
 */
function setTotalsIndexes(app, isAdded) {
	for (const [name, index] of TOTALS_INDEXES) {
		const collection = app.findCollectionByNameOrId(name);
		collection.indexes = /** @type {PlainIndexes} */ (
			collection.indexes.filter((i) => i !== index)
		);
		if (isAdded) {
			collection.indexes = /** @type {PlainIndexes} */ (collection.indexes.concat([index]));
		}
		app.save(collection);
	}
}

migrate(
	(app) => {
		const usersId = app.findCollectionByNameOrId('users').id;
		const events = app.findCollectionByNameOrId('events');

		const members = new Collection({
			type: 'base',
			name: 'event_members',
			listRule: `${SIGNED_IN} && user = @request.auth.id`,
			viewRule: `${SIGNED_IN} && user = @request.auth.id`,
			// `undefined` is PocketBase's null rule, superusers only (see pocketbase/migrations.d.ts).
			createRule: undefined, // only POST /api/tend/events/join
			updateRule: undefined,
			deleteRule: undefined, // only POST /api/tend/events/leave (and the event's or user's deletion)
			indexes: /** @type {PlainIndexes} */ ([
				'CREATE UNIQUE INDEX idx_event_members_event_user ON event_members (event, user)',
				// the rules' path (my rows) and a member's own list
				'CREATE INDEX idx_event_members_user_event ON event_members (user, event)'
			])
		});
		members.fields.add(
			new RelationField({
				name: 'event',
				required: true,
				hidden: true,
				collectionId: events.id,
				cascadeDelete: true,
				maxSelect: 1
			}),
			new RelationField({
				name: 'user',
				required: true,
				hidden: true,
				collectionId: usersId,
				cascadeDelete: true,
				maxSelect: 1
			}),
			new AutodateField({ name: 'created', onCreate: true, onUpdate: false }),
			new AutodateField({ name: 'updated', onCreate: true, onUpdate: true })
		);
		app.save(members);

		// One statement, whatever the number of members; ids of deleted users and the organiser's
		// own id are dropped.
		app
			.db()
			.newQuery(
				`INSERT INTO event_members (id, event, user, created, updated)
				SELECT ${RANDOM_ID}, m.event, m.user, ${NOW}, ${NOW}
				FROM (
					SELECT DISTINCT ev.id AS event, je.value AS user
					FROM events ev, json_each(CASE WHEN json_valid(ev.members) THEN ev.members ELSE '[]' END) je
					WHERE je.value != ev.organiser AND je.value IN (SELECT id FROM users)
				) m`
			)
			.execute();

		events.fields.removeByName('members');
		events.fields.add(new TextField({ name: 'timeZone', max: 64, pattern: TIME_ZONE }));
		events.fields.add(new BoolField({ name: 'joiningClosed' }));
		events.listRule = READ_AFTER;
		events.viewRule = READ_AFTER;
		events.updateRule = UPDATE_AFTER;
		events.deleteRule = ORGANISER;
		app.save(events);

		setTotalsIndexes(app, true);
	},
	(app) => {
		setTotalsIndexes(app, false);
		const usersId = app.findCollectionByNameOrId('users').id;
		const events = app.findCollectionByNameOrId('events');
		events.fields.removeByName('timeZone');
		events.fields.removeByName('joiningClosed');
		events.fields.add(
			new RelationField({
				name: 'members',
				hidden: true,
				collectionId: usersId,
				cascadeDelete: false,
				maxSelect: 10000
			})
		);
		events.listRule = READ_BEFORE;
		events.viewRule = READ_BEFORE;
		events.updateRule = UPDATE_BEFORE;
		events.deleteRule = DELETE_BEFORE;
		app.save(events);
		app
			.db()
			.newQuery(
				`UPDATE events SET members = COALESCE((
					SELECT json_group_array(user) FROM (
						SELECT m.user AS user FROM event_members m WHERE m.event = events.id
						ORDER BY m.created, m.id
					)
				), '[]')`
			)
			.execute();
		app.delete(app.findCollectionByNameOrId('event_members'));
	}
);

// A small world for the rule scenarios: alice owns one record in every collection; bob holds
// alice's card and alice holds his (and he joined her event by its code); dave held it until alice
// revoked him; carol is just another user, who organises a meetup alice joined. Built through the
// routes and the SDK, as the devices do.
import type PocketBase from 'pocketbase';
import { anonymous, call, newPerson, swap, type Person } from '../support/pb-harness';

export type Actor = 'anonymous' | 'other' | 'holder' | 'revoked' | 'owner';

export interface World {
	alice: Person;
	bob: Person;
	carol: Person;
	dave: Person;
	/** alice's record id in each collection */
	target: Record<string, string>;
	clientOf(actor: Actor): PocketBase;
	personOf(actor: Actor): Person | null;
}

/** Builds the world (a few seconds: four sign-ups, two swaps). */
export async function buildWorld(): Promise<World> {
	const alice = await newPerson('alice');
	const bob = await newPerson('bob');
	const carol = await newPerson('carol');
	const dave = await newPerson('dave');
	const target: Record<string, string> = { cards: alice.cardId };

	const aliceScansBob = await swap(alice, bob);
	if (aliceScansBob.status !== 200) throw new Error(`world: swap ${aliceScansBob.status}`);
	const body = aliceScansBob.body as { swap: { id: string }; connection: { id: string } };
	target.swaps = body.swap.id;
	target.connections = body.connection.id;

	const daveScansAlice = await swap(dave, alice);
	const daveConnection = (daveScansAlice.body as { connection: { id: string } }).connection.id;
	const revoke = await call(alice, 'POST', `/api/tend/holders/${daveConnection}`, {
		revoked: true
	});
	if (revoke.status !== 200) throw new Error(`world: revoke ${revoke.status}`);

	const event = await alice.pb.collection('events').create({ name: 'Alice conf' });
	const join = await call(bob, 'POST', '/api/tend/events/join', { code: event.joinCode });
	if (join.status !== 200) throw new Error(`world: join ${join.status}`);
	target.events = event.id;
	// alice is a member of carol's meetup: her membership row, which its organiser never sees.
	const meetup = await carol.pb.collection('events').create({ name: 'Carol meetup' });
	const joined = await call(alice, 'POST', '/api/tend/events/join', { code: meetup.joinCode });
	if (joined.status !== 200) throw new Error(`world: join ${joined.status}`);
	target.event_members = (await alice.pb.collection('event_members').getFirstListItem('')).id;
	target.interactions = (
		await alice.pb.collection('interactions').create({
			kind: 'note',
			text: 'talked about gardens',
			at: new Date().toISOString(),
			people: [target.connections]
		})
	).id;
	target.decisions = (
		await alice.pb.collection('decisions').create({ promptId: 'p1', state: 'done' })
	).id;
	target.settings = alice.id; // made by the server with her account, her id its id
	// alice holds bob's card (she scanned his code): his new headline is a change of hers.
	await bob.pb.collection('cards').update(bob.cardId, { headline: 'bob, changed' });
	target.card_changes = (
		await alice.pb
			.collection('card_changes')
			.getFirstListItem(`connection = "${target.connections}"`)
	).id;
	const token = ((await call(alice, 'GET', '/api/tend/token')).body as { token: string }).token;
	const back = await call(null, 'POST', '/api/tend/public/share-back', {
		token,
		name: 'Erin',
		email: 'erin@example.org'
	});
	if (back.status !== 200) throw new Error(`world: share-back ${back.status}`);
	target.share_backs = (await alice.pb.collection('share_backs').getFirstListItem('')).id;

	const people: Record<Exclude<Actor, 'anonymous'>, Person> = {
		owner: alice,
		holder: bob,
		revoked: dave,
		other: carol
	};
	const anon = anonymous();
	return {
		alice,
		bob,
		carol,
		dave,
		target,
		clientOf: (actor) => (actor === 'anonymous' ? anon : people[actor].pb),
		personOf: (actor) => (actor === 'anonymous' ? null : people[actor])
	};
}

// The event-card table of src/lib/domain/event-card-cases.ts against the real server: what a new
// holder receives in a swap and what the public card page shows are what the editor previews.
import { describe, expect, it } from 'vitest';
import { EVENT_CARD_CASES } from '../../src/lib/domain/event-card-cases';
import { call, newUser, swap, tokenOf, type Person } from '../support/pb-harness';

/** A new user whose card is `card` with the stored share choice `eventFields`. */
async function ownerOf(card: object, eventFields: unknown): Promise<Person> {
	const person = await newUser('owner');
	const record = await person.pb.collection('cards').create({ ...card, eventFields });
	return { ...person, cardId: record.id };
}

/** A new user with a card of their own, ready to scan. */
async function newScanner(): Promise<Person> {
	return ownerOf({ name: 'Scanner' }, null);
}

describe('the event card a new holder gets (the table the device runs too)', () => {
	it.each(EVENT_CARD_CASES)('$rule', async ({ card, eventFields, expected }) => {
		const owner = await ownerOf(card, eventFields);
		const scanner = await newScanner();
		const reply = await swap(scanner, owner);
		expect(reply.status).toBe(200);
		const { connection } = reply.body as { connection: { id: string } };
		const held = await scanner.pb.collection('connections').getOne(connection.id);
		expect(held.snapshot).toEqual(expected);
		const page = await call(null, 'POST', '/api/tend/public/card', {
			token: await tokenOf(owner)
		});
		expect(page.body.card).toEqual({ ...expected, id: owner.cardId });
	});
});

describe('the choice of a way to reach me', () => {
	it('accepts one way to reach me of an allowed kind, and refuses any other or two', async () => {
		const person = await newUser('chooser');
		const statusFor = async (eventFields: string[]) => {
			const reply = await call(person, 'POST', '/api/collections/cards/records', {
				name: 'Chooser',
				eventFields
			});
			if (reply.status === 200) await person.pb.collection('cards').delete(String(reply.body.id));
			else expect(Object.keys(reply.body.data ?? {})).toEqual(['eventFields']);
			return reply.status;
		};
		const rows: [string[], number][] = [
			[['headline', 'contact'], 200],
			[['contact:email'], 200],
			[['contact:linkedin', 'links'], 200],
			[
				[
					'contact:phone',
					...['headline', 'company', 'canHelpWith', 'lookingFor', 'links', 'photo']
				],
				200
			],
			[['contact:website'], 400],
			[['contact:email', 'contact:phone'], 400],
			[['contact', 'contact'], 400]
		];
		for (const [eventFields, status] of rows) expect(await statusFor(eventFields)).toBe(status);
	});

	it('a card that had no choice moves its holders to the new way to reach me when I add one', async () => {
		const owner = await ownerOf({ name: 'Ann', links: [] }, null);
		const scanner = await newScanner();
		const reply = await swap(scanner, owner);
		const { connection } = reply.body as { connection: { id: string } };
		await owner.pb
			.collection('cards')
			.update(owner.cardId, { links: [{ kind: 'phone', url: 'tel:+44 20 7946 0000' }] });
		const held = await scanner.pb.collection('connections').getOne(connection.id);
		expect(held.snapshot).toMatchObject({
			links: [{ kind: 'phone', url: 'tel:+44 20 7946 0000' }]
		});
	});
});

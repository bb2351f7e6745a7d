// A network made through the real server for People tests: "me" and contacts who each swapped
// with me (a swap is mutual, so I hold each of their cards), then me signed in in a page.
import type { Page } from 'playwright-core';
import { newPerson, swap, type CardFields, type Person } from './pb-harness';

/** The password newUser gives every account. */
export const SEED_PASSWORD = 'correct-horse-battery';

export interface SeededNetwork {
	me: Person;
	contacts: Person[];
}

/** Makes me and one contact per card; each contact scans my code (so both hold each other). */
export async function seedNetwork(
	contacts: (CardFields & { name: string })[],
	mine: CardFields & { name: string } = { name: 'Me Example' }
): Promise<SeededNetwork> {
	const me = await newPerson('me', mine);
	const people: Person[] = [];
	for (const [i, card] of contacts.entries()) {
		const person = await newPerson(`contact${i}`, card);
		const reply = await swap(person, me);
		if (reply.status !== 200) throw new Error(`seed swap: ${reply.status}`);
		people.push(person);
	}
	return { me, contacts: people };
}

/** Signs a seeded account in on the page (sign-in lands on Swap). */
export async function signInAs(page: Page, who: Person): Promise<void> {
	await page.goto('/signin');
	await page.getByLabel('Email').fill(who.email);
	await page.getByLabel('Password').fill(SEED_PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL('**/swap', { timeout: 30_000 });
}

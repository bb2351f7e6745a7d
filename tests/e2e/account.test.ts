// A person signs up, makes their card, reloads, signs out and back in, in Debian's Chromium
// against the real build served by a real PocketBase. Everything is found by role and label.
import PocketBase from 'pocketbase';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { launchBrowser, uniqueEmail, type Browser } from '../support/browser';

const PASSWORD = 'a long enough password';

describe('accounts and my card', () => {
	let browser: Browser;

	beforeEach(async () => {
		browser = await launchBrowser({
			baseURL: inject('pbUrl'),
			// The server's 400 answers that the tests provoke on purpose appear as console errors.
			allowedErrors: [/status of 400/]
		});
	});

	afterEach(async () => {
		await browser.close();
	});

	it('signs up, saves the card, keeps it across a reload, signs out and back in', async () => {
		const page = await browser.newPage();
		const email = uniqueEmail('ann');

		await page.goto('/');
		await page.waitForURL('**/signin');
		await page.getByRole('link', { name: 'Create an account' }).click();
		// Sign-in's own Email field is there until the sign-up page replaces it.
		await page.getByRole('heading', { name: 'Create your Tend account' }).waitFor();

		await page.getByLabel('Email').fill(email);
		await page.getByLabel('Password').fill('short');
		await page.getByRole('button', { name: 'Create account' }).click();
		await page.getByText('Use at least 10 characters.').waitFor();

		// The sign-up page loads the common-password list and says why, before asking the server.
		await page.getByLabel('Password').fill('Basketball2024');
		await page.getByRole('button', { name: 'Create account' }).click();
		await page
			.getByText(
				'This password is on lists attackers try first; pick a longer phrase only you would think of.'
			)
			.waitFor();
		expect(await page.getByLabel('Password').getAttribute('aria-invalid')).toBe('true');

		await page.getByLabel('Password').fill(PASSWORD);
		await page.getByRole('button', { name: 'Create account' }).click();
		await page.waitForURL('**/me');

		await page.getByLabel('Name').fill('Ann Example');
		await page.getByLabel('Headline', { exact: true }).fill('Accessibility lead');
		await page.getByLabel('Company', { exact: true }).fill('Example & Co');
		await page
			.getByLabel('What I can help with', { exact: true })
			.fill('Screen-reader testing; hiring advice');
		await page.getByLabel("What I'm looking for", { exact: true }).fill('Speakers for a meetup');
		await page.getByLabel('LinkedIn', { exact: true }).fill('linkedin.com/in/ann-example');
		await page.getByLabel('Email', { exact: true }).fill('ann@example.org');
		await page.getByLabel('Website').fill('javascript:alert(1)');
		await page.getByRole('button', { name: 'Save my card' }).click();
		await page.getByText('Only web addresses, email addresses and phone numbers').waitFor();

		await page.getByLabel('Website').fill('ann.example');
		await page.getByRole('button', { name: 'Save my card' }).click();
		await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

		await page.reload();
		await expect
			.poll(() => page.getByLabel('Name').inputValue(), { timeout: 10_000 })
			.toBe('Ann Example');
		expect(await page.getByLabel('Company', { exact: true }).inputValue()).toBe('Example & Co');
		expect(await page.getByLabel('Website').inputValue()).toBe('https://ann.example');
		expect(await page.getByLabel('LinkedIn', { exact: true }).inputValue()).toBe(
			'https://linkedin.com/in/ann-example'
		);

		// Everything reached the server, so signing out asks nothing.
		await page
			.getByRole('status')
			.filter({ hasText: /^Synced$/ })
			.waitFor();
		await page.getByRole('button', { name: 'Sign out' }).click();
		await page.waitForURL('**/signin');
		await page.goto('/me');
		await page.waitForURL('**/signin');

		await page.getByLabel('Email').fill(email);
		await page.getByLabel('Password').fill('not the password');
		await page.getByRole('button', { name: 'Sign in' }).click();
		await page.getByRole('alert').filter({ hasText: 'Wrong email or password.' }).waitFor();

		await page.getByLabel('Password').fill(PASSWORD);
		await page.getByRole('button', { name: 'Sign in' }).click();
		// With a card, signing in opens Swap; the card is under Me.
		await page.waitForURL('**/swap');
		await page
			.getByRole('navigation', { name: 'Sections' })
			.getByRole('link', { name: 'Me' })
			.click();
		await page.waitForURL('**/me');
		await expect
			.poll(() => page.getByLabel('Name').inputValue(), { timeout: 10_000 })
			.toBe('Ann Example');
		expect(browser.errors).toEqual([]);
	});

	it('says so when the email is taken or the server cannot be reached', async () => {
		const page = await browser.newPage();
		const email = uniqueEmail('taken');
		const created = await fetch(`${inject('pbUrl')}/api/collections/users/records`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ email, password: PASSWORD, passwordConfirm: PASSWORD })
		});
		expect(created.status).toBe(200);

		await page.goto('/signup');
		await page.getByLabel('Email').fill(email);
		await page.getByLabel('Password').fill(PASSWORD);
		await page.getByRole('button', { name: 'Create account' }).click();
		await page.getByText('An account with this email already exists').waitFor();

		await page.getByRole('link', { name: 'Sign in' }).click();
		await page.waitForURL('**/signin');
		await browser.context.setOffline(true);
		await page.getByLabel('Email').fill(email);
		await page.getByLabel('Password').fill(PASSWORD);
		await page.getByRole('button', { name: 'Sign in' }).click();
		await page.getByRole('alert').filter({ hasText: 'could not be reached' }).waitFor();
		await browser.context.setOffline(false);
		expect(browser.errors.filter((e) => !/ERR_INTERNET_DISCONNECTED/.test(e))).toEqual([]);
	});

	it('deletes the account and everything it owned, after asking', async () => {
		const page = await browser.newPage();
		const email = uniqueEmail('leaving');
		await page.goto('/signup');
		await page.getByLabel('Email').fill(email);
		await page.getByLabel('Password').fill(PASSWORD);
		await page.getByRole('button', { name: 'Create account' }).click();
		await page.waitForURL('**/me');
		await page.getByLabel('Name').fill('Lee Leaving');
		await page.getByRole('button', { name: 'Save my card' }).click();
		// Saved (queued on the device) first: "Synced" may still be up from before the save.
		await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
		await page
			.getByRole('status')
			.filter({ hasText: /^Synced$/ })
			.waitFor();

		const superuser = new PocketBase(inject('pbUrl'));
		await superuser
			.collection('_superusers')
			.authWithPassword(inject('pbSuperuserEmail'), inject('pbSuperuserPassword'));
		const cardsOf = () =>
			superuser
				.collection('cards')
				.getFullList({ filter: superuser.filter('name = {:n}', { n: 'Lee Leaving' }) });
		expect(await cardsOf()).toHaveLength(1);

		await page.getByRole('button', { name: 'Delete my account…' }).click();
		await page.getByRole('alert').filter({ hasText: 'cannot be undone' }).waitFor();
		await page.getByRole('button', { name: 'Delete everything' }).click();
		await page.waitForURL('**/signin');

		expect(await cardsOf()).toHaveLength(0);
		const users = await superuser
			.collection('users')
			.getFullList({ filter: superuser.filter('email = {:e}', { e: email }) });
		expect(users).toHaveLength(0);
		expect(browser.errors).toEqual([]);
	});
});

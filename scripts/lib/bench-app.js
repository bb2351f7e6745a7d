// What the browser benches share: the app's build (made when missing, or always unless
// BENCH_REBUILD=0) and a signed-in person with a card on a throwaway PocketBase.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { BUILD_DIR, ROOT } from './pocketbase.js';

/** Builds the app into build/ unless BENCH_REBUILD=0 and a build is there; exits on failure. */
export function ensureBuild() {
	if (existsSync(`${BUILD_DIR}/index.html`) && process.env.BENCH_REBUILD === '0') return;
	const built = spawnSync('npx', ['vite', 'build', '--logLevel', 'error'], {
		cwd: ROOT,
		stdio: 'inherit'
	});
	if (built.status !== 0) process.exit(1);
}

/**
 * Signs up a new person on the server at `baseUrl` and saves their card; returns the value the
 * SDK keeps in localStorage (`pocketbase_auth`) for a page signed in as them.
 * @param {string} baseUrl
 * @param {Record<string, unknown>} card
 * @returns {Promise<string>}
 */
export async function newPersonWithCard(baseUrl, card) {
	const email = `bench-${Date.now()}-${Math.random().toString(36).slice(2, 7)}@tend.invalid`;
	const password = 'bench-password-1';
	const json = { 'content-type': 'application/json' };
	const created = await fetch(`${baseUrl}/api/collections/users/records`, {
		method: 'POST',
		headers: json,
		body: JSON.stringify({ email, password, passwordConfirm: password })
	});
	if (!created.ok) throw new Error(`sign-up: ${created.status} ${await created.text()}`);
	const auth = await fetch(`${baseUrl}/api/collections/users/auth-with-password`, {
		method: 'POST',
		headers: json,
		body: JSON.stringify({ identity: email, password })
	}).then((r) => r.json());
	const saved = await fetch(`${baseUrl}/api/collections/cards/records`, {
		method: 'POST',
		headers: { ...json, authorization: auth.token },
		body: JSON.stringify(card)
	});
	if (!saved.ok) throw new Error(`card: ${saved.status} ${await saved.text()}`);
	return JSON.stringify({ token: auth.token, record: auth.record });
}

/**
 * The text of a person's Tend code (their public card link), as the app draws it: the swap token
 * and the card's name, headline and company, each percent-encoded with "~" escaped too.
 * @param {string} base the app's origin
 * @param {string} token from GET /api/tend/token
 * @param {{ name: string, headline: string, company: string }} card
 */
export function codeText(base, token, card) {
	const field = (/** @type {string} */ text) => encodeURIComponent(text).replace(/~/g, '%7E');
	return `${base}/c#1~${token}~${field(card.name)}~${field(card.headline)}~${field(card.company)}`;
}

/**
 * The middle value of a list (the mean of the two middle ones for an even count); NaN when empty.
 * @param {number[]} values
 */
export function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	if (sorted.length % 2) return sorted[mid] ?? NaN;
	return ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

/** The value at quantile q (0–1) of numbers sorted ascending (nearest rank); NaN when empty. */
export function quantile(/** @type {number[]} */ sorted, /** @type {number} */ q) {
	return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
}

// Test helpers for the real PocketBase started by tests/support/pocketbase.global.ts: users who
// sign up and act through the JS SDK as the app does, cards, swap tokens, raw route calls and
// control of the server itself. Every name is unique per call so tests never collide.
import PocketBase, { ClientResponseError } from 'pocketbase';
import { inject } from 'vitest';

/** The base URL of the test PocketBase. */
export function pbUrl(): string {
	return inject('pbUrl');
}

/** A fresh SDK client (anonymous). */
export function anonymous(): PocketBase {
	const pb = new PocketBase(pbUrl());
	pb.autoCancellation(false);
	return pb;
}

/** An SDK client signed in as the test superuser. */
export async function superuser(): Promise<PocketBase> {
	const pb = anonymous();
	await pb
		.collection('_superusers')
		.authWithPassword(inject('pbSuperuserEmail'), inject('pbSuperuserPassword'));
	return pb;
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A client-style record id: 15 characters [a-z0-9]. */
export function rid(): string {
	let out = '';
	for (let i = 0; i < 15; i++) out += ALPHABET[Math.floor(Math.random() * ALPHABET.length)];
	return out;
}

export interface Person {
	pb: PocketBase;
	id: string;
	email: string;
	cardId: string;
}

export interface CardFields {
	name?: string;
	headline?: string;
	company?: string;
	canHelpWith?: string;
	lookingFor?: string;
	links?: { kind: string; label?: string; url: string }[];
	eventFields?: string[];
}

/** Signs up a new user through the SDK and signs them in (no card). */
export async function newUser(label = 'user'): Promise<Person> {
	const pb = anonymous();
	const email = `${label}-${rid()}@tend.test`;
	const password = 'correct-horse-battery';
	await pb.collection('users').create({ email, password, passwordConfirm: password });
	const auth = await pb.collection('users').authWithPassword(email, password);
	return { pb, id: auth.record.id, email, cardId: '' };
}

/** A new user with a card (every field filled unless overridden). */
export async function newPerson(label = 'person', fields: CardFields = {}): Promise<Person> {
	const person = await newUser(label);
	const card = await person.pb.collection('cards').create({
		name: `${label} name`,
		headline: `${label} headline`,
		company: `${label} company`,
		canHelpWith: `${label} helps`,
		lookingFor: `${label} looks`,
		links: [{ kind: 'website', url: `https://${label}.example` }],
		...fields
	});
	return { ...person, cardId: card.id };
}

export interface Reply {
	status: number;
	body: Record<string, unknown> & { data?: Record<string, unknown> };
}

/** Calls a route with the person's auth (or anonymously) and returns status and JSON body. */
export async function call(
	who: Person | null,
	method: string,
	path: string,
	body?: unknown
): Promise<Reply> {
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	if (who) headers.authorization = who.pb.authStore.token;
	const res = await fetch(`${pbUrl()}${path}`, {
		method,
		headers,
		body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body)
	});
	const text = await res.text();
	return { status: res.status, body: text ? (JSON.parse(text) as Reply['body']) : {} };
}

/** The person's current swap token. */
export async function tokenOf(who: Person): Promise<string> {
	const reply = await call(who, 'GET', '/api/tend/token');
	if (reply.status !== 200) throw new Error(`token: ${reply.status}`);
	return reply.body.token as string;
}

/** A swap body as the device sends it. */
export function swapBody(
	token: string,
	extra: Record<string, unknown> = {}
): Record<string, unknown> {
	return { id: rid(), connectionId: rid(), token, scannedAt: new Date().toISOString(), ...extra };
}

/** `scanner` scans `owner`'s current code; returns the reply. */
export async function swap(
	scanner: Person,
	owner: Person,
	extra: Record<string, unknown> = {}
): Promise<Reply> {
	return call(scanner, 'POST', '/api/tend/swaps', swapBody(await tokenOf(owner), extra));
}

/** The reason a failed reply carries (data.reason), or undefined. */
export function reasonOf(reply: Reply): unknown {
	return reply.body.data?.reason;
}

/** The HTTP status of an SDK call that failed, or 200 when it succeeded. */
export async function statusOf(run: () => Promise<unknown>): Promise<number> {
	try {
		await run();
		return 200;
	} catch (error) {
		if (error instanceof ClientResponseError) return error.status;
		throw error;
	}
}

/** Switches the per-IP rate limits on or off for loopback (tests run from 127.0.0.1). */
export async function setLoopbackRateLimited(isLimited: boolean): Promise<void> {
	const admin = await superuser();
	await admin.settings.update({ rateLimits: { excludedIPs: isLimited ? [] : ['127.0.0.1'] } });
}

/** Stops PocketBase and starts it again on the same data folder and port. */
export async function restartPocketBase(): Promise<void> {
	const res = await fetch(`${inject('pbControlUrl')}/restart`, { method: 'POST' });
	if (res.status !== 204) throw new Error(`restart failed: ${res.status} ${await res.text()}`);
}

/** Stops PocketBase (requests fail until startPocketBase()). */
export async function stopPocketBase(): Promise<void> {
	const res = await fetch(`${inject('pbControlUrl')}/stop`, { method: 'POST' });
	if (res.status !== 204) throw new Error(`stop failed: ${res.status}`);
}

/** Starts PocketBase again after stopPocketBase(). */
export async function startPocketBase(): Promise<void> {
	const res = await fetch(`${inject('pbControlUrl')}/start`, { method: 'POST' });
	if (res.status !== 204) throw new Error(`start failed: ${res.status}`);
}

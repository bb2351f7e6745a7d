// Restoring a "tend-export" file into a new account: what the device writes, computed here, pure.
// Invariants:
// - every record written is new and owned by the new account; its id is derived from the new
//   owner and the old id (decision-id.ts's 69-bit hash), so restoring the same file twice writes
//   the same ids and, given what the account already holds, nothing the second time;
// - a person comes back as a contact without an account (`card: ''`, `revoked: false`, `level: ''`)
//   keeping the snapshot of their card (no photo: it lives with their card), my notes, tags,
//   channel, cadence and when we met; the event they were filed under cannot come back (membership
//   is the organiser's, by code), so its name becomes their first tag;
// - a person already in the account (the same card, email address, phone number or LinkedIn link)
//   is not made twice: the old id maps to theirs, their empty notes are filled from the file;
// - interactions name only people written or found here (connections are written first: the
//   server lets an interaction name only my live connections); one naming nobody left is left out;
// - decisions come back with their prompt ids rewritten to the new people's ids (and their ids
//   derived as decision-id.ts says), except those about card changes, which do not come back;
// - forgotten people, deleted interactions and decisions, card changes (only the server writes
//   them), events and share-backs are left out, and counted;
// - text longer than the server accepts is cut to its limit, links that fail isSafeUrl go
//   (export-restore-limits.ts).
import { isSafeUrl, type CardFields } from './card';
import type { TendExport } from './export-json';
import {
	RESTORE_LIMITS,
	cardFieldsOf,
	clip,
	restoredSnapshot,
	restoredTags
} from './export-restore-limits';
import { decisionId } from './follow-ups/decision-id';
import { introductionId, promptId } from './follow-ups/ids';
import { PROMPT_KINDS, type PromptKind } from './follow-ups/types';
import type { Connection, Decision, Interaction, Settings } from './records';

export { RESTORE_LIMITS } from './export-restore-limits';

/** What the new account already holds (so nothing is made twice). */
export interface RestoreExisting {
	connections?: Iterable<Connection>;
	interactions?: Iterable<Interaction>;
	decisions?: Iterable<Decision>;
}

/** My notes on a person already in the account, filled from the file where they were empty. */
export interface ConnectionFill {
	id: string;
	patch: Partial<Pick<Connection, 'memoryNote' | 'howICanHelp' | 'promise' | 'tags' | 'needsNote'>>;
}

export interface RestoreCounts {
	/** People written as new contacts. */
	people: number;
	/** People found already in the account (the same card or a shared email, phone or LinkedIn). */
	merged: number;
	/** Records this file had already restored into the account. */
	alreadyRestored: number;
	/** Forgotten people (tombstones) left out. */
	forgotten: number;
	interactions: number;
	/** Deleted, undated, or naming no one restored. */
	interactionsLeftOut: number;
	decisions: number;
	/** Deleted, undone (`open`), about card changes, or already decided in the account. */
	decisionsLeftOut: number;
	cardChangesLeftOut: number;
	eventsLeftOut: number;
	shareBacksLeftOut: number;
}

export interface RestorePlan {
	/** The file is of this very account: nothing is planned (everything is already here). */
	isSameAccount: boolean;
	/** New contacts, to be written first. */
	connections: Connection[];
	/** Updates of people already in the account. */
	connectionUpdates: ConnectionFill[];
	/** New interactions, written after the connections they name. */
	interactions: Interaction[];
	decisions: Decision[];
	/** The update of my settings record (its id is my user id), or null when the file has none. */
	settings: Settings | null;
	/** My old card's words, for the person to take over (or not): the photo is not in the file. */
	myCard: CardFields | null;
	/** Old connection id → the id of that person in the new account. */
	ids: ReadonlyMap<string, string>;
	counts: RestoreCounts;
}

/** The id of a restored record: one per (new owner, list, old id), the same at every restore. */
export function restoredId(owner: string, list: string, oldId: string): string {
	return decisionId(owner, `restore:${list}:${oldId}`);
}

// ——— Finding people already in the account ———

/** A LinkedIn profile's link (`https://www.linkedin.com/in/<name>/…`), capturing the name. */
const LINKEDIN_PROFILE = /^https?:\/\/(?:[a-z]{2,3}\.|www\.)?linkedin\.com\/in\/([^/?#]+)/;

/**
 * The keys a person is recognised by: their card, email addresses, phone numbers (digits only,
 * at least six), LinkedIn profiles. A website is not one: colleagues share their company's.
 */
function keysOf(c: Pick<Connection, 'card' | 'snapshot'>): string[] {
	const keys = c.card ? [`card:${c.card}`] : [];
	for (const { url } of c.snapshot.links) {
		if (!isSafeUrl(url)) continue;
		const lower = url.toLowerCase();
		if (lower.startsWith('mailto:')) {
			keys.push(`email:${lower.slice(7).split('?')[0]}`);
		} else if (lower.startsWith('tel:')) {
			const digits = lower.replace(/[^0-9]/g, '');
			if (digits.length >= 6) keys.push(`tel:${digits}`);
		} else {
			const profile = LINKEDIN_PROFILE.exec(lower)?.[1];
			if (profile) keys.push(`linkedin:${profile}`);
		}
	}
	return keys;
}

/** What a person already in the account takes from the file: my notes where theirs are empty, tags. */
function fillOf(existing: Connection, old: Connection, tags: string[]): ConnectionFill | null {
	const patch: ConnectionFill['patch'] = {};
	if (!existing.memoryNote.trim() && old.memoryNote.trim()) {
		patch.memoryNote = clip(old.memoryNote, RESTORE_LIMITS.memoryNote);
	}
	if (!existing.howICanHelp.trim() && old.howICanHelp.trim()) {
		patch.howICanHelp = clip(old.howICanHelp, RESTORE_LIMITS.howICanHelp);
	}
	if (!existing.promise.trim() && old.promise.trim()) {
		patch.promise = clip(old.promise, RESTORE_LIMITS.promise);
	}
	const merged = restoredTags([...existing.tags, ...tags], '');
	if (merged.length !== existing.tags.length) patch.tags = merged;
	if (patch.memoryNote || patch.howICanHelp) patch.needsNote = false;
	return Object.keys(patch).length ? { id: existing.id, patch } : null;
}

// ——— Prompt ids ———

const isPromptKind = (value: string): value is PromptKind =>
	(PROMPT_KINDS as readonly string[]).includes(value);

/**
 * A prompt id (ids.ts: `kind:person:anchor…`, an introduction `introduce:a:b`) with its people
 * renamed; null when a person is not restored, the prompt is about a card change, or the id was
 * hashed (too long to read).
 */
export function remappedPromptId(id: string, ids: ReadonlyMap<string, string>): string | null {
	const [kind = '', person = '', ...rest] = id.split(':');
	if (!isPromptKind(kind) || kind === 'card_changed') return null;
	const renamed = ids.get(person);
	if (!renamed) return null;
	if (kind === 'introduce') {
		const other = rest.length === 1 ? ids.get(rest[0] ?? '') : undefined;
		return other && other !== renamed ? introductionId(renamed, other) : null;
	}
	return promptId(kind, renamed, ...rest);
}

// ——— The plan ———

/** The owner of the account an export is of, as far as the file says ('' when it does not). */
export function exportOwnerOf(exported: TendExport): string {
	const { account, card, settings } = exported.me;
	return account?.id || card?.owner || settings?.owner || exported.connections[0]?.owner || '';
}

function emptyCounts(exported: TendExport): RestoreCounts {
	return {
		people: 0,
		merged: 0,
		alreadyRestored: 0,
		forgotten: 0,
		interactions: 0,
		interactionsLeftOut: 0,
		decisions: 0,
		decisionsLeftOut: 0,
		cardChangesLeftOut: exported.cardChanges.length,
		eventsLeftOut: exported.events.length,
		shareBacksLeftOut: exported.shareBacks.length
	};
}

/** What the account holds, indexed for finding people and records already there. */
interface Held {
	/** Every connection id taken (tombstones included: a forgotten restored person stays so). */
	taken: Set<string>;
	live: Map<string, Connection>;
	byKey: Map<string, Connection>;
}

function heldOf(connections: Iterable<Connection>): Held {
	const held: Held = { taken: new Set(), live: new Map(), byKey: new Map() };
	for (const c of connections) {
		held.taken.add(c.id);
		if (c.deleted) continue;
		held.live.set(c.id, c);
		for (const key of keysOf(c)) if (!held.byKey.has(key)) held.byKey.set(key, c);
	}
	return held;
}

/** A new contact made of an old connection. */
function restoredConnection(
	old: Connection,
	id: string,
	owner: string,
	tags: string[]
): Connection {
	return {
		id,
		owner,
		card: '',
		snapshot: restoredSnapshot(old.snapshot),
		event: '',
		metAt: old.metAt,
		channel: old.channel,
		// Restored from a file: a contact without an account, whatever it was before.
		source: 'imported',
		memoryNote: clip(old.memoryNote, RESTORE_LIMITS.memoryNote),
		howICanHelp: clip(old.howICanHelp, RESTORE_LIMITS.howICanHelp),
		promise: clip(old.promise, RESTORE_LIMITS.promise),
		tags,
		cadence: old.cadence,
		needsNote: old.needsNote,
		revoked: false,
		level: '',
		archived: old.archived,
		deleted: '',
		created: '',
		updated: ''
	};
}

/** The people: new contacts, fills of people already there, and the old → new id map. */
function planPeople(plan: RestorePlan, exported: TendExport, owner: string, held: Held) {
	const { counts } = plan;
	const ids = new Map<string, string>();
	const eventNames = new Map(exported.events.map((e) => [e.id, e.name]));
	const fills = new Map<string, ConnectionFill>();
	for (const old of exported.connections) {
		if (old.deleted) {
			counts.forgotten++;
			continue;
		}
		const id = restoredId(owner, 'connections', old.id);
		const tags = restoredTags(old.tags, eventNames.get(old.event) ?? '');
		if (held.taken.has(id)) {
			counts.alreadyRestored++;
			if (held.live.has(id)) ids.set(old.id, id);
			continue;
		}
		const found = keysOf(old)
			.map((key) => held.byKey.get(key))
			.find((c) => c !== undefined);
		if (found) {
			counts.merged++;
			ids.set(old.id, found.id);
			const before = fills.get(found.id)?.patch;
			const fill = fillOf({ ...found, ...before }, old, tags);
			if (fill) fills.set(found.id, { id: found.id, patch: { ...before, ...fill.patch } });
			continue;
		}
		counts.people++;
		ids.set(old.id, id);
		plan.connections.push(restoredConnection(old, id, owner, tags));
	}
	plan.connectionUpdates = [...fills.values()];
	plan.ids = ids;
}

/** The interactions naming people restored or found (deleted and undated ones left out). */
function planInteractions(
	plan: RestorePlan,
	exported: TendExport,
	owner: string,
	held: Iterable<Interaction>
) {
	const { counts, ids } = plan;
	const taken = new Set(Array.from(held, (i) => i.id));
	for (const old of exported.interactions) {
		const id = restoredId(owner, 'interactions', old.id);
		if (taken.has(id)) {
			counts.alreadyRestored++;
			continue;
		}
		const people = [...new Set(old.people.flatMap((p) => ids.get(p) ?? []))];
		if (old.deleted || !old.at || people.length === 0) {
			counts.interactionsLeftOut++;
			continue;
		}
		counts.interactions++;
		plan.interactions.push({
			id,
			owner,
			kind: old.kind,
			mode: old.mode,
			text: clip(old.text, RESTORE_LIMITS.interactionText),
			at: old.at,
			people: people.slice(0, RESTORE_LIMITS.interactionPeople),
			deleted: '',
			created: '',
			updated: ''
		});
	}
}

/** The decisions whose prompts can be named in the new account and are not decided there. */
function planDecisions(
	plan: RestorePlan,
	exported: TendExport,
	owner: string,
	held: Iterable<Decision>
) {
	const decided = new Set(Array.from(held, (d) => d.promptId));
	for (const old of exported.decisions) {
		const prompt =
			old.deleted || old.state === 'open' ? null : remappedPromptId(old.promptId, plan.ids);
		if (!prompt || decided.has(prompt)) {
			plan.counts.decisionsLeftOut++;
			continue;
		}
		decided.add(prompt);
		plan.counts.decisions++;
		plan.decisions.push({
			id: decisionId(owner, prompt),
			owner,
			promptId: prompt,
			state: old.state,
			until: old.until,
			deleted: '',
			created: '',
			updated: ''
		});
	}
}

/** What restoring `exported` into the account of `owner` writes (see the header). */
export function restorePlan(
	exported: TendExport,
	owner: string,
	existing: RestoreExisting = {}
): RestorePlan {
	const plan: RestorePlan = {
		isSameAccount: exportOwnerOf(exported) === owner,
		connections: [],
		connectionUpdates: [],
		interactions: [],
		decisions: [],
		settings: null,
		myCard: null,
		ids: new Map(),
		counts: emptyCounts(exported)
	};
	if (plan.isSameAccount) return plan;
	planPeople(plan, exported, owner, heldOf(existing.connections ?? []));
	planInteractions(plan, exported, owner, existing.interactions ?? []);
	planDecisions(plan, exported, owner, existing.decisions ?? []);
	const settings = exported.me.settings;
	if (settings) plan.settings = { ...settings, id: owner, owner, created: '', updated: '' };
	if (exported.me.card) plan.myCard = cardFieldsOf(exported.me.card);
	return plan;
}

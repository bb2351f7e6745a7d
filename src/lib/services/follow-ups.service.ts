// Acting on a follow-up prompt: done, snoozed, not now, or letting the person rest; each can be
// undone for a short while. A decision is one record per prompt (its id is derived from the
// owner and the prompt id, so two devices deciding the same prompt offline write the same record
// and the server keeps the later one). "Done" also logs what happened, in the same transaction:
// that restarts the person's check-in timer.
import { decisionId } from '$lib/domain/follow-ups/decision-id';
import type { Prompt, PromptKind } from '$lib/domain/follow-ups/types';
import type { Cadence, Connection, Decision, InteractionKind, Mode } from '$lib/domain/records';
import type { LocalChange } from '$lib/offline/local-store';
import { newRecordId } from '$lib/offline/record-id';
import type { LocalSession } from './local-session';
import { localDayAt } from './people.service';

export type Choice =
	| { state: 'done'; mode: Mode }
	| { state: 'snoozed'; until: string }
	| { state: 'dismissed' }
	| { state: 'rest'; connection: Connection };

/** A choice as a screen makes it (the service knows whom "rest" is about). */
export type PromptChoice = Exclude<Choice, { state: 'rest' }> | { state: 'rest' };

/** What to write to take a choice back. */
export interface Undo {
	changes: LocalChange[];
}

/** What "done" logs for each kind of prompt: a give is a give, an introduction an introduction. */
const DONE_KIND: Record<PromptKind, Exclude<InteractionKind, 'met' | 'note'>> = {
	needs_note: 'followed_up',
	thank_you: 'followed_up',
	promise: 'gave',
	give: 'gave',
	introduce: 'introduced',
	check_in: 'followed_up',
	card_changed: 'followed_up',
	anniversary: 'followed_up'
};

const DONE_TEXT: Record<PromptKind, string> = {
	needs_note: 'Followed up',
	thank_you: 'Said thank you',
	promise: 'Kept my promise',
	give: 'Offered help',
	introduce: 'Made the introduction',
	check_in: 'Checked in',
	card_changed: 'Congratulated them',
	anniversary: 'Marked a year since we met'
};

/** The text "done" logs: what it was, with the draft's subject when there is one. */
export function doneText(prompt: Prompt): string {
	const what = DONE_TEXT[prompt.kind];
	const subject = prompt.draft.subject.trim();
	return subject ? `${what}: ${subject}` : what;
}

function decisionChange(
	owner: string,
	promptId: string,
	existing: Decision | undefined,
	fields: { state: Decision['state']; until: string }
): LocalChange {
	if (existing) {
		return {
			action: 'update',
			collection: 'decisions',
			record: { ...existing, ...fields },
			body: fields
		};
	}
	const record = { id: decisionId(owner, promptId), owner, promptId, ...fields };
	return { action: 'create', collection: 'decisions', record, body: { promptId, ...fields } };
}

/** Restores a decision as it was (or back to open when there was none). */
function restoreDecision(owner: string, prompt: Prompt, before: Decision | undefined): LocalChange {
	const id = before?.id ?? decisionId(owner, prompt.id);
	const fields = before
		? { state: before.state, until: before.until }
		: { state: 'open' as const, until: '' };
	return {
		action: 'update',
		collection: 'decisions',
		record: { ...(before ?? { owner, promptId: prompt.id }), id, ...fields },
		body: fields
	};
}

/**
 * Writes a choice on a prompt (one transaction) and returns how to undo it. `before` is the
 * prompt's decision as the device has it (undefined when there is none).
 */
export async function decide(
	session: LocalSession,
	prompt: Prompt,
	choice: Choice,
	before: Decision | undefined,
	now: Date = new Date()
): Promise<Undo> {
	const owner = session.userId;
	const changes: LocalChange[] = [];
	const undo: LocalChange[] = [];
	if (choice.state === 'rest') {
		const cadence: Cadence = 'none';
		const previous = choice.connection.cadence;
		changes.push(connectionCadence(choice.connection, cadence));
		undo.push(connectionCadence({ ...choice.connection, cadence }, previous));
	} else {
		const until = choice.state === 'snoozed' ? new Date(choice.until).toISOString() : '';
		changes.push(decisionChange(owner, prompt.id, before, { state: choice.state, until }));
		undo.push(restoreDecision(owner, prompt, before));
		if (choice.state === 'done') {
			const id = newRecordId();
			const body = {
				kind: DONE_KIND[prompt.kind],
				mode: choice.mode,
				text: doneText(prompt),
				at: now.toISOString(),
				people: prompt.kind === 'introduce' ? prompt.people : prompt.people.slice(0, 1)
			};
			changes.push({
				action: 'create',
				collection: 'interactions',
				record: { id, owner, ...body },
				body
			});
			const deleted = now.toISOString();
			undo.push({
				action: 'update',
				collection: 'interactions',
				record: { id, owner, deleted },
				body: { deleted }
			});
		}
	}
	await session.writeAll(changes);
	return { changes: undo };
}

function connectionCadence(connection: Connection, cadence: Cadence): LocalChange {
	return {
		action: 'update',
		collection: 'connections',
		record: { ...connection, cadence },
		body: { cadence }
	};
}

/** Takes a choice back. */
export async function undo(session: LocalSession, what: Undo): Promise<void> {
	await session.writeAll(what.changes);
}

const DAY_MS = 86_400_000;

export type SnoozeChoice = 'tomorrow' | 'next_week';

/** When a quick snooze ends: 8 in the morning, tomorrow or in a week (local time). */
export function snoozeUntil(choice: SnoozeChoice, now: Date = new Date()): string {
	const days = choice === 'tomorrow' ? 1 : 7;
	const day = new Date(now.getTime() + days * DAY_MS);
	day.setHours(8, 0, 0, 0);
	return day.toISOString();
}

/** 8 in the morning (local) of a picked day `YYYY-MM-DD`, as ISO; '' when it is not a day. */
export function snoozeUntilDay(day: string): string {
	return localDayAt(day, 8);
}

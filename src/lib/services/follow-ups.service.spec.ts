import { describe, expect, it } from 'vitest';
import { decisionId } from '$lib/domain/follow-ups/decision-id';
import type { Prompt } from '$lib/domain/follow-ups/types';
import { parseConnection, parseDecision } from '$lib/domain/records';
import { getRecord, listRecords } from '$lib/offline/local-store';
import { putServerRecords } from '$lib/offline/local-writes';
import { listOutbox } from '$lib/offline/outbox';
import { freshDb } from '$lib/offline/testing/factories';
import { decide, doneText, snoozeUntil, snoozeUntilDay, undo } from './follow-ups.service';
import { newConnection } from './swap.service';
import { deviceSession, SPEC_USER } from './testing/session';

const ANN = 'annannannann001';
const BO = 'bobobobobobo001';
const NOW = new Date('2026-12-01T18:00:00.000Z');

function prompt(fields: Partial<Prompt> = {}): Prompt {
	return {
		id: `thank_you:${ANN}`,
		kind: 'thank_you',
		people: [ANN],
		due: '2026-12-01',
		latest: '2026-12-03',
		priority: 80,
		isLate: false,
		why: 'You met Ann at DevConf today.',
		draft: { subject: 'Great to meet you at DevConf', body: 'Hi Ann, …' },
		ways: [],
		day: '2026-12-01',
		...fields
	};
}

async function setup() {
	const db = await freshDb();
	await putServerRecords(db, 'connections', [
		{
			...newConnection(SPEC_USER, { snapshot: { name: 'Ann Example' } }),
			id: ANN,
			cadence: 'regular'
		}
	]);
	return { db, session: deviceSession(db) };
}

describe('acting on a follow-up', () => {
	it('done writes the decision and logs the follow-up in one go; undo takes both back', async () => {
		const { db, session } = await setup();
		const taken = await decide(session, prompt(), { state: 'done', mode: 'email' }, undefined, NOW);
		const id = decisionId(SPEC_USER, `thank_you:${ANN}`);
		const decision = parseDecision((await getRecord(db, 'decisions', id)) ?? { id: '' });
		expect(decision).toMatchObject({ promptId: `thank_you:${ANN}`, state: 'done', until: '' });
		const [logged] = await listRecords(db, 'interactions');
		expect(logged).toMatchObject({
			kind: 'followed_up',
			mode: 'email',
			text: 'Said thank you: Great to meet you at DevConf',
			people: [ANN],
			at: NOW.toISOString()
		});
		expect((await listOutbox(db)).map((e) => [e.collection, e.action])).toEqual([
			['decisions', 'create'],
			['interactions', 'create']
		]);

		await undo(session, taken);
		expect((await getRecord(db, 'decisions', id))?.state).toBe('open');
		expect((await getRecord(db, 'interactions', String(logged?.id)))?.deleted).toBeTruthy();
	});

	it('a second choice on the same prompt updates its one decision; undo restores the first', async () => {
		const { db, session } = await setup();
		await decide(
			session,
			prompt(),
			{ state: 'snoozed', until: '2026-12-02T08:00:00.000Z' },
			undefined
		);
		const id = decisionId(SPEC_USER, `thank_you:${ANN}`);
		const before = parseDecision((await getRecord(db, 'decisions', id)) ?? { id: '' });
		expect(before).toMatchObject({ state: 'snoozed', until: '2026-12-02T08:00:00.000Z' });
		const taken = await decide(session, prompt(), { state: 'dismissed' }, before);
		expect(await listRecords(db, 'decisions')).toHaveLength(1);
		expect((await getRecord(db, 'decisions', id))?.state).toBe('dismissed');
		await undo(session, taken);
		expect(await getRecord(db, 'decisions', id)).toMatchObject({
			state: 'snoozed',
			until: '2026-12-02T08:00:00.000Z'
		});
	});

	it('an introduction done is an introduction naming both; a give done is a give', async () => {
		const { db, session } = await setup();
		const intro = prompt({
			id: `introduce:${ANN}+${BO}`,
			kind: 'introduce',
			people: [ANN, BO],
			draft: { subject: '', body: '…' }
		});
		await decide(session, intro, { state: 'done', mode: '' }, undefined, NOW);
		await decide(
			session,
			prompt({ id: `give:${ANN}`, kind: 'give' }),
			{ state: 'done', mode: '' },
			undefined,
			NOW
		);
		const logged = await listRecords(db, 'interactions');
		expect(logged.map((i) => [i.kind, i.people, i.text]).sort()).toEqual([
			['gave', [ANN], 'Offered help: Great to meet you at DevConf'],
			['introduced', [ANN, BO], 'Made the introduction']
		]);
	});

	it('letting a person rest sets their cadence; undo gives the old one back', async () => {
		const { db, session } = await setup();
		const ann = parseConnection((await getRecord(db, 'connections', ANN)) ?? { id: '' });
		const taken = await decide(session, prompt(), { state: 'rest', connection: ann }, undefined);
		expect((await getRecord(db, 'connections', ANN))?.cadence).toBe('none');
		expect(await listRecords(db, 'decisions')).toEqual([]);
		await undo(session, { changes: taken.changes });
		expect((await getRecord(db, 'connections', ANN))?.cadence).toBe('regular');
	});

	it('says what was done, with the subject when there is one', () => {
		expect(doneText(prompt())).toBe('Said thank you: Great to meet you at DevConf');
		expect(doneText(prompt({ kind: 'check_in', draft: { subject: ' ', body: 'x' } }))).toBe(
			'Checked in'
		);
	});
});

describe('snooze times', () => {
	it('tomorrow and next week are 8 in the morning, local time', () => {
		const now = new Date(2026, 11, 1, 22, 30);
		expect(new Date(snoozeUntil('tomorrow', now))).toEqual(new Date(2026, 11, 2, 8));
		expect(new Date(snoozeUntil('next_week', now))).toEqual(new Date(2026, 11, 8, 8));
	});

	it('a picked day is 8 in the morning of that day; anything else is no day', () => {
		expect(new Date(snoozeUntilDay('2027-01-15'))).toEqual(new Date(2027, 0, 15, 8));
		for (const bad of ['', '2027-02-30', '15.01.2027', '2027-1-5', 'tomorrow']) {
			expect(snoozeUntilDay(bad)).toBe('');
		}
	});
});

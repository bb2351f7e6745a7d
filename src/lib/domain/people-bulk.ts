// One change to several people at once (after an import, after an event) and what the list says
// when it is done ("Tagged 12 people ‘ai’."). Pure: the counts come from the use case
// (services/people.service.ts → updatePeople), which applies the change in one transaction.
import { peopleCount } from './people-list';
import { CHANNEL_LABELS } from './touch';
import type { Cadence, Channel } from './records';
import { CADENCE_LABELS } from './touch';

/** One change to many people. */
export type BulkChange =
	| { kind: 'tag'; add: string[]; remove: string[] }
	| { kind: 'channel'; channel: Channel }
	| { kind: 'cadence'; cadence: Cadence }
	| { kind: 'archived'; archived: boolean };

/** What was done, and how those it did not change already were. */
function phrases(change: BulkChange, who: string): { done: string; already: string } {
	switch (change.kind) {
		case 'tag': {
			const tag = change.add[0] ?? change.remove[0] ?? '';
			return change.add.length
				? { done: `Tagged ${who} ‘${tag}’.`, already: `already had ‘${tag}’` }
				: { done: `Removed ‘${tag}’ from ${who}.`, already: `did not have ‘${tag}’` };
		}
		case 'channel': {
			const label = CHANNEL_LABELS[change.channel];
			return { done: `Set ${who} to ${label}.`, already: `already had ${label}` };
		}
		case 'cadence': {
			const label = change.cadence ? CADENCE_LABELS[change.cadence] : 'the default cadence';
			return { done: `Set ${who} to ${label}.`, already: `already had ${label}` };
		}
		case 'archived':
			return change.archived
				? { done: `Archived ${who}.`, already: 'already archived' }
				: { done: `Unarchived ${who}.`, already: 'not archived' };
	}
}

/** The sentence after a bulk change: `changed` of the `selected` people were really changed. */
export function bulkOutcome(change: BulkChange, changed: number, selected: number): string {
	const { done, already } = phrases(change, peopleCount(changed));
	const unchanged = selected - changed;
	const verb = change.kind === 'archived' ? (unchanged === 1 ? 'was ' : 'were ') : '';
	if (changed === 0) {
		return `Nothing to change: ${selected === 1 ? 'that person' : `all ${selected}`} ${verb}${already}.`;
	}
	if (unchanged <= 0) return done;
	return `${done} ${unchanged} ${verb}${already}.`;
}

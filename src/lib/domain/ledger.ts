// The give/ask ledger of one relationship: how often I gave (a favour, an article, an
// introduction I made for them) and how often I asked. Quiet by design: it is shown in plain
// words, and it only ever warns, never blocks.
import type { Interaction } from './records';

export interface Ledger {
	/** Gives, introductions included (an introduction is a give to both people it names). */
	gave: number;
	asked: number;
}

/** The ledger of one person from the interactions that name them (tombstones are not counted). */
export function ledgerOf(interactions: readonly Interaction[], personId: string): Ledger {
	const ledger: Ledger = { gave: 0, asked: 0 };
	for (const i of interactions) {
		if (i.deleted || !i.people.includes(personId)) continue;
		if (i.kind === 'gave' || i.kind === 'introduced') ledger.gave++;
		else if (i.kind === 'asked') ledger.asked++;
	}
	return ledger;
}

function times(n: number): string {
	return n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`;
}

/** "You have given 3 times and asked once." in plain words. */
export function ledgerSentence(ledger: Ledger): string {
	const { gave, asked } = ledger;
	if (gave === 0 && asked === 0) return 'Nothing given or asked yet.';
	if (asked === 0) return `You have given ${times(gave)} and asked nothing yet.`;
	if (gave === 0) return `You have asked ${times(asked)} and not given yet.`;
	return `You have given ${times(gave)} and asked ${times(asked)}.`;
}

/** True when I have asked this person more than I have given: an ask now deserves a kind word. */
export function leansOn(ledger: Ledger): boolean {
	return ledger.asked > ledger.gave;
}

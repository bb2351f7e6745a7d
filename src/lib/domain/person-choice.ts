// Choosing other people of mine while logging (whom I introduced them to, who else was in the
// conversation): a short list of matches as I type, over names and companies. Pure and cheap: one
// pass over the summaries, whose normalised search text is already built.
import { normalise, type PersonSummary } from './people-query';
import { compareNames, compareText } from './records';

/** How many matches the chooser offers at once (type more to narrow it). */
export const CHOICES_SHOWN = 8;

/**
 * The people matching what I typed (every word in their name, company or headline), leaving out
 * those already chosen or excluded (the person whose page this is); people I archived come last.
 */
export function peopleToChoose(
	people: readonly PersonSummary[],
	typed: string,
	excluded: readonly string[],
	limit: number = CHOICES_SHOWN
): PersonSummary[] {
	const words = normalise(typed).split(' ').filter(Boolean);
	const skip = new Set(excluded);
	const found = people.filter((p) => {
		if (skip.has(p.id)) return false;
		if (!words.length) return true;
		const text = normalise(`${p.name} ${p.company} ${p.headline}`);
		return words.every((w) => text.includes(w));
	});
	return found
		.sort(
			(a, b) =>
				Number(a.connection.archived) - Number(b.connection.archived) ||
				compareNames(a.name, b.name) ||
				compareText(a.id, b.id)
		)
		.slice(0, limit);
}

// Staying in touch: when I last touched a relationship, and whether it is slipping away for the
// cadence I chose. Notes I write for myself are not a touch; meeting, giving, asking,
// introducing, talking and following up are.
import type { Cadence, Channel, Connection, Interaction } from './records';

const DAY_MS = 86_400_000;

/** The longest silence each cadence allows, in days (`none`: let it rest, never losing touch). */
export const CADENCE_DAYS: Record<Exclude<Cadence, ''>, number> = {
	close: 30,
	regular: 90,
	occasional: 180,
	none: Number.POSITIVE_INFINITY
};

/** A person whose cadence I never chose is kept in touch occasionally. */
export const DEFAULT_CADENCE: Exclude<Cadence, ''> = 'occasional';

/** How I know a person (the channel), as screens name it. */
export const CHANNEL_LABELS: Record<Channel, string> = {
	in_person: 'In person',
	online: 'Online',
	workplace: 'Workplace'
};

export const CADENCE_LABELS: Record<Exclude<Cadence, ''>, string> = {
	close: 'Close (every month)',
	regular: 'Regular (every 3 months)',
	occasional: 'Occasional (twice a year)',
	none: 'Let it rest'
};

/** The cadence that applies to a person ('' is the default). */
export function cadenceOf(connection: Pick<Connection, 'cadence'>): Exclude<Cadence, ''> {
	return connection.cadence || DEFAULT_CADENCE;
}

function time(iso: string): number {
	const t = Date.parse(iso);
	return Number.isNaN(t) ? 0 : t;
}

/** When I last touched this person (ISO), from the interactions naming them; metAt if none. */
export function lastTouchedAt(
	connection: Pick<Connection, 'metAt'>,
	interactions: readonly Interaction[]
): string {
	let latest = connection.metAt;
	let latestTime = time(latest);
	for (const i of interactions) {
		if (i.deleted || i.kind === 'note') continue;
		const t = time(i.at);
		if (t > latestTime) {
			latest = i.at;
			latestTime = t;
		}
	}
	return latest;
}

/** True when the silence since the last touch is longer than the cadence allows. */
export function isLosingTouch(
	connection: Pick<Connection, 'cadence' | 'archived'>,
	lastTouched: string,
	now: number
): boolean {
	if (connection.archived) return false;
	const days = CADENCE_DAYS[cadenceOf(connection)];
	if (!Number.isFinite(days)) return false;
	const t = time(lastTouched);
	return t > 0 && now - t > days * DAY_MS;
}

// Staying in touch: when I last touched a relationship, and whether it is slipping away for the
// cadence I chose. Notes I write for myself are not a touch; meeting, giving, asking,
// introducing, talking and following up are.
import { dayNumberAt, dayNumberOfIso } from './follow-ups/dates';
import type { Cadence, Channel, Connection, Interaction } from './records';

/** How far apart touches should be for a cadence, in calendar days. */
export interface CadenceGap {
	/** The check-in is due this long after the last touch. */
	ideal: number;
	/** Past this long, the relationship is slipping ("losing touch"). */
	latest: number;
}

/**
 * The gaps of each cadence tier (`none`, "let it rest", has none: it never loses touch). The
 * People list ("losing touch") and the follow-up engine (check-ins) both read this table.
 */
export const CADENCE_GAPS: Record<Exclude<Cadence, '' | 'none'>, CadenceGap> = {
	close: { ideal: 30, latest: 45 },
	regular: { ideal: 90, latest: 120 },
	occasional: { ideal: 180, latest: 240 }
};

/** The first check-in after meeting comes at most this long after it ("about three months"). */
export const FIRST_CHECK_IN_DAYS = 90;

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

/** The cadence that applies to a person ('' is the default, or the one my settings chose). */
export function cadenceOf(
	connection: Pick<Connection, 'cadence'>,
	fallback: Exclude<Cadence, ''> = DEFAULT_CADENCE
): Exclude<Cadence, ''> {
	return connection.cadence || fallback;
}

function time(iso: string): number {
	const t = Date.parse(iso);
	return Number.isNaN(t) ? 0 : t;
}

/** True for the one shape record parsers store dates in (`2026-05-01T09:30:00.000Z`). */
function isCanonical(iso: string): boolean {
	return (
		iso.length === 24 && iso.charCodeAt(10) === 84 /* T */ && iso.charCodeAt(23) === 90
	); /* Z */
}

/** True for an interaction that touches the relationship: anything but a note, not deleted. */
export function isTouch(interaction: Pick<Interaction, 'kind' | 'deleted'>): boolean {
	return !interaction.deleted && interaction.kind !== 'note';
}

/**
 * True when ISO time a is later than b. Canonical strings (what parsers store) compare as text,
 * with no parsing: a plan reads 100,000 of them.
 */
export function isLaterThan(a: string, b: string): boolean {
	return isCanonical(a) && isCanonical(b) ? a > b : time(a) > time(b);
}

/** When I last touched this person (ISO), from the interactions naming them; metAt if none. */
export function lastTouchedAt(
	connection: Pick<Connection, 'metAt'>,
	interactions: readonly Interaction[]
): string {
	let latest = connection.metAt;
	for (const i of interactions) if (isTouch(i) && isLaterThan(i.at, latest)) latest = i.at;
	return latest;
}

export interface LosingTouchOptions {
	/** Days are counted in this IANA zone (UTC when absent), as the follow-up engine counts them. */
	timeZone?: string;
	/** The cadence of a person whose cadence I never chose. */
	defaultCadence?: Exclude<Cadence, ''>;
}

/**
 * True when the silence since the last touch is longer than the cadence's latest gap, in local
 * calendar days: exactly when the engine's check-in for this person is late.
 */
export function isLosingTouch(
	connection: Pick<Connection, 'cadence' | 'archived'>,
	lastTouched: string,
	now: number,
	options: LosingTouchOptions = {}
): boolean {
	if (connection.archived) return false;
	const cadence = cadenceOf(connection, options.defaultCadence);
	if (cadence === 'none') return false;
	const timeZone = options.timeZone ?? 'UTC';
	const touchedDay = dayNumberOfIso(lastTouched, timeZone);
	if (Number.isNaN(touchedDay)) return false;
	return dayNumberAt(now, timeZone) > touchedDay + CADENCE_GAPS[cadence].latest;
}

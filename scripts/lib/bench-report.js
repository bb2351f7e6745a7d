// The figures a bench part measured, for `npm run bench`'s table and bench/results.json. A part
// still prints its own lines; for each headline figure it also calls `figure(...)`, which appends
// one JSON line to the file named by TEND_BENCH_RESULTS (bench.js sets it, with TEND_BENCH_PART to
// the part's script) and does nothing when a part runs alone without it.
import { appendFileSync } from 'node:fs';

/**
 * @typedef {object} Figure
 * @property {string} part the script that measured it (bench-swaps.js)
 * @property {string} name what was measured ("swaps/s, 0 live streams")
 * @property {number} value
 * @property {string} unit ("ms", "KB", "/s", "×", "" for a count or score)
 * @property {string} [target] the target, as a person reads it ("≤ 1000 ms"), when there is one
 * @property {boolean} [met] whether the value meets the target (only with a target)
 * @property {string} [note] what a reader needs to compare it (a ratio's two sides, a run count)
 */

/**
 * Records one figure of this part.
 * @param {string} name
 * @param {number} value
 * @param {string} unit
 * @param {{ target?: string, met?: boolean, note?: string }} [extra]
 */
export function figure(name, value, unit, extra = {}) {
	const file = process.env.TEND_BENCH_RESULTS;
	if (!file) return;
	/** @type {Figure} */
	const row = {
		part: process.env.TEND_BENCH_PART ?? '',
		name,
		value: Number.isFinite(value) ? Number(value.toPrecision(6)) : NaN,
		unit,
		...extra
	};
	// NaN is not JSON: a figure that could not be measured is written as null.
	appendFileSync(file, JSON.stringify(row, (_, v) => (Number.isNaN(v) ? null : v)) + '\n');
}

/**
 * `value` against an upper bound: the target text and whether it is met.
 * @param {number} value
 * @param {number} bound
 * @param {string} unit
 */
export function atMost(value, bound, unit) {
	return { target: `≤ ${bound}${unit ? ' ' + unit : ''}`, met: value <= bound };
}

/**
 * `value` against a lower bound: the target text and whether it is met.
 * @param {number} value
 * @param {number} bound
 * @param {string} unit
 */
export function atLeast(value, bound, unit) {
	return { target: `≥ ${bound}${unit ? ' ' + unit : ''}`, met: value >= bound };
}

// Interactions (a note, a meeting, a give or an ask) name the people they were with: only the
// author's own live connections, at most 50 of them.

/**
 * Interactions may only name the author's own live connections (at most 50, not forgotten).
 * A create or update request event always carries its record.
 * @param {core.RecordRequestEvent} e
 */
function checkPeople(e) {
	const MAX_PEOPLE = 50;
	const ids = /** @type {core.Record} */ (e.record).getStringSlice('people');
	if (ids.length > MAX_PEOPLE) {
		throw new BadRequestError('Invalid interaction.', {
			people: new ValidationError('validation_too_many_people', 'At most 50 people.')
		});
	}
	if (ids.length) {
		const own = e.app.countRecords(
			'connections',
			$dbx.in('id', ...ids),
			$dbx.hashExp({
				owner: /** @type {core.Record} */ (e.record).getString('owner'),
				deleted: ''
			})
		);
		if (own !== ids.length) {
			throw new BadRequestError('Invalid interaction.', {
				people: new ValidationError(
					'validation_not_your_connection',
					'Only your own connections (not forgotten ones).'
				)
			});
		}
	}
	e.next();
}

module.exports = { checkPeople };

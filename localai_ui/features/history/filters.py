"""Search filters from what a person types or an API caller sends: strings in, one typed HistoryFilters out."""

from datetime import date, datetime, time, timedelta

from localai_ui.schemas.errors import InvalidRequestError
from localai_ui.schemas.history import HistoryFilters
from localai_ui.schemas.progress import RunStatus

ANY = ''
STATUS_CHOICES = [ANY, *(status.value for status in RunStatus)]


def _day(text: str | None, label: str) -> datetime | None:
	"""A YYYY-MM-DD day as the start of that day in local time (aware), or None when blank."""
	if not text or not text.strip():
		return None
	try:
		day = date.fromisoformat(text.strip()[:10])
	except ValueError as error:
		raise InvalidRequestError(f'{label} {text!r}: write the date as YYYY-MM-DD') from error
	return datetime.combine(day, time()).astimezone()


def parse_filters(
	text: str | None = None,
	model: str | None = None,
	sampler: str | None = None,
	status: str | None = None,
	favourites_only: bool = False,
	date_from: str | None = None,
	date_to: str | None = None,
	flagged_only: bool = False,
) -> HistoryFilters:
	"""Blank values mean "any"; date_to includes that whole day; a bad date or status raises InvalidRequestError."""
	if status and status not in STATUS_CHOICES:
		raise InvalidRequestError(f'status {status!r}: choose one of {", ".join(STATUS_CHOICES[1:])}')
	until = _day(date_to, 'date_to')
	return HistoryFilters(
		text=text or '',
		model=model or None,
		sampler=sampler or None,
		status=RunStatus(status) if status else None,
		favourites_only=bool(favourites_only),
		flagged_only=bool(flagged_only),
		started_from=_day(date_from, 'date_from'),
		started_before=until + timedelta(days=1) if until else None,
	)

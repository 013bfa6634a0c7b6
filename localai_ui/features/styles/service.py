"""The styles use cases shared by the Styles tab, the Generate tab and the API."""

from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path

from localai_ui.cores.styles import apply_styles, unique_name
from localai_ui.cores.styles.checks import name_problem
from localai_ui.database import crud as database_service
from localai_ui.database.engine import Database
from localai_ui.features.styles.builtins import BUILTIN_STYLES_DIR, SeedReport, load_builtins, seed_builtins
from localai_ui.features.styles.previews import StylePreviews, default_previews_dir
from localai_ui.features.styles.transfer import export_styles, import_styles
from localai_ui.schemas.errors import InvalidRequestError
from localai_ui.schemas.generation import GenerationRequest
from localai_ui.schemas.styles import ClashPolicy, ImportReport, StyleFormat, StyleRecord, StyleText

DEFAULT_CATEGORY = 'My styles'


def utc_now() -> datetime:
	return datetime.now(UTC)


def matches(style: StyleRecord, query: str) -> bool:
	"""Case-insensitive search over the name and both texts."""
	needle = query.strip().casefold()
	return not needle or any(needle in text.casefold() for text in (style.name, style.prompt, style.negative_prompt))


class StylesService:
	"""The style library in the database; built-ins are read-only, the user's own styles are theirs to change."""

	def __init__(
		self,
		*,
		database: Database,
		builtins_dir: Path = BUILTIN_STYLES_DIR,
		now: Callable[[], datetime] = utc_now,
		previews_dir: Path | None = None,
	) -> None:
		self._database = database
		self._builtins_dir = builtins_dir
		self._now = now
		self.previews = StylePreviews(database, previews_dir or default_previews_dir(database), now)

	def seed_builtins(self) -> SeedReport:
		"""Add and refresh the shipped styles (run at startup)."""
		return seed_builtins(self._database, load_builtins(self._builtins_dir), self._now)

	def list_styles(self, *, query: str = '', category: str | None = None) -> list[StyleRecord]:
		"""Your styles first, then the built-ins, each by category then name; filtered by text and category."""
		with self._database.transaction() as session:
			styles = sorted(database_service.list_styles(session), key=lambda style: style.builtin)
		return [s for s in styles if matches(s, query) and (category is None or s.category == category)]

	def categories(self) -> list[str]:
		return sorted({style.category for style in self.list_styles()})

	def names(self) -> list[str]:
		return [style.name for style in self.list_styles()]

	def get(self, name: str) -> StyleRecord:
		"""The style called `name`; an unknown name is an InvalidRequestError."""
		with self._database.transaction() as session:
			found = database_service.find_style(session, name=name)
		if found is None:
			raise InvalidRequestError(f'Unknown style {name!r}; the Styles tab lists the styles there are.')
		return found

	def save_style(self, text: StyleText, *, original_name: str | None = None) -> StyleRecord:
		"""Create a style, or with original_name change (and maybe rename) that user style; built-ins are refused."""
		text = StyleText(
			text.name.strip(), text.prompt, text.negative_prompt, text.category.strip() or DEFAULT_CATEGORY
		)
		problem = name_problem(text.name)
		if problem:
			raise InvalidRequestError(f'Cannot save the style: {problem}.')
		with self._database.transaction() as session:
			taken = database_service.find_style(session, name=text.name)
			if original_name is None:
				if taken is not None:
					raise InvalidRequestError(
						f'A style named {text.name!r} exists already; pick another name or edit it.'
					)
				return database_service.add_style(session, text=text, now=self._now())
			current = database_service.find_style(session, name=original_name)
			if current is None:
				raise InvalidRequestError(f'Unknown style {original_name!r}: it may have been deleted.')
			_check_editable(current)
			if taken is not None and taken.id != current.id:
				raise InvalidRequestError(f'A style named {text.name!r} exists already; pick another name.')
			return database_service.update_style(session, style_id=current.id, text=text, now=self._now())

	def duplicate_style(self, name: str, new_name: str | None = None) -> StyleRecord:
		"""A user copy of any style (built-ins too), named `new_name` or 'name (copy)', 'name (copy 2)'..."""
		source = self.get(name)
		wanted = (new_name or '').strip() or unique_name(f'{source.name} (copy)', set(self.names()))
		category = source.category if not source.builtin else DEFAULT_CATEGORY
		return self.save_style(StyleText(wanted, source.prompt, source.negative_prompt, category))

	def delete_style(self, name: str) -> None:
		"""Delete a user style and its preview file; built-ins are read-only."""
		style = self.get(name)
		_check_editable(style)
		preview = self.previews.file_name(style)
		with self._database.transaction() as session:
			database_service.delete_style(session, style_id=style.id)
		self.previews.remove_file(preview)

	def set_preview(self, name: str, image_path: Path) -> StyleRecord:
		"""History's "Use as style preview": the picture becomes the style's card (built-ins take one too)."""
		style = self.get(name)
		self.previews.set_from_file(style, image_path)
		return style

	def apply(self, prompt: str, negative_prompt: str, names: Sequence[str]) -> tuple[str, str]:
		"""The final prompt and negative prompt with the named styles applied in order."""
		with self._database.transaction() as session:
			known = {style.name: style for style in database_service.list_styles(session)}
		unknown = [name for name in names if name not in known]
		if unknown:
			listed = ', '.join(repr(name) for name in unknown)
			raise InvalidRequestError(f'Unknown style {listed}; the Styles tab lists the styles there are.')
		return apply_styles(prompt, negative_prompt, [known[name].text for name in names])

	def apply_to_request(self, request: GenerationRequest) -> tuple[GenerationRequest, Mapping[str, str]]:
		"""Generate's RequestStep: the final texts go in the request, the style names stay for the infotext."""
		if not request.styles:
			return request, {}
		prompt, negative = self.apply(request.prompt, request.negative_prompt, request.styles)
		return request.model_copy(update={'prompt': prompt, 'negative_prompt': negative}), {}

	def import_styles(self, data: bytes, *, filename: str, on_clash: ClashPolicy) -> ImportReport:
		"""Read a styles.csv or Fooocus JSON file and store its styles in one transaction (all or nothing)."""
		return import_styles(self._database, data, filename=filename, on_clash=on_clash, now=self._now)

	def export_styles(
		self, style_format: StyleFormat, *, names: Sequence[str] = (), include_builtins: bool = False
	) -> bytes:
		"""File bytes for the named styles, or every user style (and the built-ins when asked)."""
		chosen = [self.get(name) for name in names] or [
			style for style in self.list_styles() if include_builtins or not style.builtin
		]
		return export_styles([style.text for style in chosen], style_format)


def _check_editable(style: StyleRecord) -> None:
	if style.builtin:
		raise InvalidRequestError(f'{style.name!r} is a built-in style and read-only; duplicate it to make your own.')

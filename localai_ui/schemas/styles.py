"""Style presets as plain records: what files carry, what the database holds, and how an import went."""

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from localai_ui.schemas.errors import LocalAIError

StyleFormat = Literal['csv', 'json']
ClashPolicy = Literal['skip', 'overwrite', 'rename']
STYLE_FORMATS: tuple[StyleFormat, ...] = ('csv', 'json')
CLASH_POLICIES: tuple[ClashPolicy, ...] = ('skip', 'overwrite', 'rename')
PROMPT_SLOT = '{prompt}'


class StyleFormatError(LocalAIError):
	"""A styles file cannot be read; the message names the line or entry at fault."""


@dataclass(frozen=True)
class StyleText:
	"""One style as files carry it; category is '' when the file has none."""

	name: str
	prompt: str
	negative_prompt: str
	category: str = ''


@dataclass(frozen=True)
class BuiltinStyle:
	"""A style shipped in assets/styles/; key never changes, content_hash says which version was seeded."""

	key: str
	text: StyleText
	content_hash: str


@dataclass(frozen=True)
class StyleRecord:
	"""A stored style; builtin_key is set for shipped (read-only) styles and None for the user's own."""

	id: int
	name: str
	category: str
	prompt: str
	negative_prompt: str
	builtin_key: str | None
	builtin_hash: str | None
	updated_at: datetime

	@property
	def builtin(self) -> bool:
		return self.builtin_key is not None

	@property
	def text(self) -> StyleText:
		return StyleText(self.name, self.prompt, self.negative_prompt, self.category)


@dataclass(frozen=True)
class ImportReport:
	"""What an import did, name by name; renamed holds (name in the file, name stored)."""

	added: tuple[str, ...] = ()
	overwritten: tuple[str, ...] = ()
	renamed: tuple[tuple[str, str], ...] = ()
	skipped: tuple[str, ...] = ()
	unchanged: tuple[str, ...] = ()

	def summary(self) -> str:
		"""One line a person reads: 'Imported 3 styles: 2 added, 1 renamed (A -> A (2)).'"""
		parts = [f'{len(self.added)} added'] if self.added else []
		if self.overwritten:
			parts.append(f'{len(self.overwritten)} overwritten')
		if self.renamed:
			pairs = ', '.join(f'{old} -> {new}' for old, new in self.renamed)
			parts.append(f'{len(self.renamed)} renamed ({pairs})')
		if self.skipped:
			parts.append(f'{len(self.skipped)} skipped as existing ({", ".join(self.skipped)})')
		if self.unchanged:
			parts.append(f'{len(self.unchanged)} already present unchanged')
		stored = len(self.added) + len(self.overwritten) + len(self.renamed)
		noun = 'style' if stored == 1 else 'styles'
		return f'Imported {stored} {noun}: {", ".join(parts) or "the file holds no styles"}.'

"""An entry the app refused is read again at the next scan: after an upgrade that supports it (or a fixed sidecar)
it becomes usable without a full refresh, while unchanged usable entries are not opened again."""

from dataclasses import replace
from datetime import UTC, datetime

from localai_ui.context import AppContext
from localai_ui.database import crud as database_service
from localai_ui.library.scan import scan_entry
from localai_ui.library.walk import walk_folder
from localai_ui.schemas.assets import AssetKind
from tests.loras.conftest import lora_dir, loras_context, loras_settings

__all__ = ['lora_dir', 'loras_context', 'loras_settings']


def test_a_refused_entry_is_read_again_and_a_usable_one_is_left_alone(loras_context: AppContext) -> None:
	library = loras_context.libraries.loras.library
	entries = {entry.relative: entry for entry in walk_folder(library.root, library.spec)}
	refused = replace(
		scan_entry(library.spec, entries['sd1_peft.safetensors']), status='unsupported', problem='older app'
	)
	kept = replace(scan_entry(library.spec, entries['sd1_kohya.safetensors']), problem='marker: not read again')
	with loras_context.database.transaction() as session:
		for item in (refused, kept):
			database_service.upsert_scanned(session, kind=AssetKind.LORA, scanned=item, now=datetime.now(UTC))
	library.refresh()
	by_path = {record.row.relative_path: record for record in library.records()}
	assert by_path['sd1_peft.safetensors'].usable and by_path['sd1_peft.safetensors'].row.problem is None
	assert by_path['sd1_kohya.safetensors'].row.problem == 'marker: not read again'

"""Every query of the app's database, one module per domain, all reachable through one door:

	from localai_ui.database import crud as database_service

Queries take a Session first and keyword-only arguments, return frozen records, and raise DatabaseError.
"""

from localai_ui.database.crud.asset_edits import (
	delete_asset,
	rename_asset,
	set_default,
	set_preview,
	set_vae,
	touch_last_used,
)
from localai_ui.database.crud.assets import (
	assets_needing_hash,
	get_asset,
	list_assets,
	mark_missing,
	set_hashes,
	upsert_scanned,
)
from localai_ui.database.crud.generations import (
	add_image,
	count_generations,
	create_generation,
	finish_generation,
	get_generation,
	list_images,
)
from localai_ui.database.crud.history import (
	delete_image,
	image_files,
	image_ids_of,
	interrupt_running,
	set_favourite,
	set_file_missing,
	set_thumbnail,
)
from localai_ui.database.crud.history_search import (
	get_image_details,
	get_items,
	image_position,
	latest_image_id,
	model_names,
	search_images,
)
from localai_ui.database.crud.settings import delete_settings, read_settings, write_settings
from localai_ui.database.crud.styles import (
	add_style,
	delete_style,
	find_style,
	list_styles,
	set_style_preview,
	style_preview_files,
	update_style,
)
from localai_ui.database.crud.upscales import RecordedUpscale, record_upscale

__all__ = [
	'RecordedUpscale',
	'add_image',
	'add_style',
	'assets_needing_hash',
	'count_generations',
	'create_generation',
	'delete_asset',
	'delete_image',
	'delete_settings',
	'delete_style',
	'finish_generation',
	'find_style',
	'get_asset',
	'get_generation',
	'get_image_details',
	'get_items',
	'image_files',
	'image_ids_of',
	'interrupt_running',
	'image_position',
	'latest_image_id',
	'list_assets',
	'list_images',
	'list_styles',
	'mark_missing',
	'model_names',
	'read_settings',
	'record_upscale',
	'rename_asset',
	'search_images',
	'set_default',
	'set_favourite',
	'set_file_missing',
	'set_hashes',
	'set_preview',
	'set_style_preview',
	'set_thumbnail',
	'set_vae',
	'style_preview_files',
	'touch_last_used',
	'update_style',
	'upsert_scanned',
	'write_settings',
]

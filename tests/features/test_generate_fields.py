"""The public /generate fields are written once: the handler Gradio reads for the API, the Generate tab's inputs and
Send to Generate all follow GENERATE_FIELDS, so reordering or renaming one place cannot silently bind wrong values."""

import inspect
from collections.abc import Callable
from typing import cast

import gradio as gr

from localai_ui.app import build_app
from localai_ui.context import AppContext
from localai_ui.schemas.generate_fields import (
	GENERATE_FIELD_NAMES,
	GENERATE_FIELDS,
	HIRES_FIELDS,
	IMAGE_FIELD_NAMES,
	IMAGE_FIELDS,
	IMG2IMG_FIELD_NAMES,
	IMG2IMG_FILES,
	field_default,
)
from localai_ui.schemas.generation import GenerationRequest
from localai_ui.schemas.png_info import GenerationSettings

OPTIONAL = {'prompt', 'negative_prompt', 'model', 'styles', 'image', 'mask'}  # None: Gradio makes them optional


def generate_endpoint(page: gr.Blocks, api_name: str = 'generate') -> tuple[inspect.Signature, str, list[str]]:
	(found,) = [fn for fn in page.fns.values() if fn.api_name == api_name]
	handler = cast(Callable[..., object] | None, vars(found)['fn'])  # gradio types it partly unknown
	assert handler is not None
	labels = [str(getattr(component, 'elem_id', '')) for component in found.inputs]
	return inspect.signature(handler), inspect.getdoc(handler) or '', labels


def test_the_handler_signature_is_the_public_field_list(context: AppContext) -> None:
	signature, doc, _ = generate_endpoint(build_app(context))
	parameters = [name for name in signature.parameters if name != 'request']
	assert parameters == list(GENERATE_FIELD_NAMES)
	for name in GENERATE_FIELD_NAMES:
		default = signature.parameters[name].default
		assert default == (None if name in OPTIONAL else field_default(name)), name
	for field in (*GENERATE_FIELDS, *HIRES_FIELDS):
		assert f'{field.name}: {field.description}' in doc


def test_img2img_takes_the_image_the_mask_the_image_fields_then_the_core_fields(context: AppContext) -> None:
	signature, doc, elem_ids = generate_endpoint(build_app(context), 'img2img')
	parameters = [name for name in signature.parameters if name != 'request']
	assert parameters == list(IMG2IMG_FIELD_NAMES)
	for name in IMG2IMG_FIELD_NAMES:
		assert signature.parameters[name].default == (None if name in OPTIONAL else field_default(name)), name
	for field in (*IMG2IMG_FILES, *IMAGE_FIELDS, *GENERATE_FIELDS):
		assert f'{field.name}: {field.description}' in doc
	files = {'image': 'init-image', 'mask': 'mask-upload'}
	assert elem_ids == [files.get(name, name.replace('_', '-')) for name in IMG2IMG_FIELD_NAMES]


def test_the_tab_feeds_one_control_per_field_in_order(context: AppContext) -> None:
	_, _, elem_ids = generate_endpoint(build_app(context))
	expected = [name.replace('_', '-') for name in GENERATE_FIELD_NAMES]
	assert elem_ids == expected


def test_every_public_field_is_a_request_field_and_send_to_generate_knows_it() -> None:
	assert set(GENERATE_FIELD_NAMES) <= set(GenerationRequest.model_fields)
	assert set(GENERATE_FIELD_NAMES) | set(IMAGE_FIELD_NAMES) <= set(GenerationSettings.__dataclass_fields__)

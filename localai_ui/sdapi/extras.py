"""POST /sdapi/v1/extra-single-image: A1111's Extras upscale through the Upscale tab's use case (the same device
line, the file saved with its Extras infotext and recorded in History). Face restoration is not part of this app."""

import html

from fastapi import APIRouter
from pydantic import BaseModel, Field

from localai_ui.features.upscale.request import parse_upscale, upscale_plan
from localai_ui.features.upscale.saving import UpscaleDone
from localai_ui.schemas.errors import GenerationError
from localai_ui.schemas.progress import Started, Waiting
from localai_ui.sdapi.errors import answered, field_error, run_failed
from localai_ui.sdapi.images import decode_image, file_base64
from localai_ui.sdapi.parts import ApiParts
from localai_ui.sdapi.responses import ExtrasSingleImageResponse


class ExtrasSingleImageRequest(BaseModel):
	"""A1111's ExtrasSingleImageRequest: resize_mode 0 scales by upscaling_resize, 1 fits upscaling_resize_w x _h."""

	resize_mode: int = Field(default=0, ge=0, le=1)
	show_extras_results: bool = True
	gfpgan_visibility: float = Field(default=0, ge=0, le=1)
	codeformer_visibility: float = Field(default=0, ge=0, le=1)
	codeformer_weight: float = Field(default=0, ge=0, le=1)
	upscaling_resize: float = Field(default=2, gt=0)
	upscaling_resize_w: int = Field(default=512, ge=1)
	upscaling_resize_h: int = Field(default=512, ge=1)
	upscaling_crop: bool = True
	upscaler_1: str = 'None'
	upscaler_2: str = 'None'
	extras_upscaler_2_visibility: float = Field(default=0, ge=0, le=1)
	upscale_first: bool = False
	image: str = ''


def refuse_unsupported(body: ExtrasSingleImageRequest) -> None:
	for name in ('gfpgan_visibility', 'codeformer_visibility'):
		if getattr(body, name):
			raise field_error(name, 'face restoration is not part of this app; send 0', getattr(body, name))
	if body.upscaler_2 != 'None' and body.extras_upscaler_2_visibility:
		raise field_error('upscaler_2', 'one upscaler per run here: upscale the result again instead', body.upscaler_2)
	if body.resize_mode == 1 and not body.upscaling_crop:
		raise field_error('upscaling_crop', 'a target size is reached by cropping to fit here; send true', False)
	if not body.image:
		raise field_error('image', 'send the picture to upscale as base64')


def add_extras_routes(router: APIRouter, parts: ApiParts) -> None:
	service = parts.context.upscale

	def extra_single_image(body: ExtrasSingleImageRequest) -> ExtrasSingleImageResponse:
		refuse_unsupported(body)
		picture = decode_image(body.image, 'image')
		with answered('upscaler_1'):
			service.choice(body.upscaler_1)
		by_size = body.resize_mode == 1
		values: dict[str, object] = {'upscaler': body.upscaler_1, 'scale': body.upscaling_resize}
		if by_size:
			values |= {'resize_width': body.upscaling_resize_w, 'resize_height': body.upscaling_resize_h}
		with answered('upscaling_resize_w' if by_size else 'upscaling_resize'):
			request = parse_upscale({**values, 'image': 'inputs/checked.png'})
			upscale_plan(request, picture.width, picture.height)
		with answered('image'):
			request = request.model_copy(update={'image': service.store(picture)})
		done: UpscaleDone | None = None
		with parts.board.track('extras', 1) as entry, answered():
			for event in service.run(request, entry.cancel):
				if isinstance(event, Waiting | Started):
					parts.board.update(entry, event)
				else:
					done = event
		if done is None:
			raise run_failed(GenerationError('the upscale was stopped before it ran'))
		image = file_base64(done.path) if body.show_extras_results else None
		return ExtrasSingleImageResponse(html_info=f'<p>{html.escape(done.infotext)}</p>', image=image)

	router.add_api_route(
		'/extra-single-image', extra_single_image, methods=['POST'], response_model=ExtrasSingleImageResponse
	)

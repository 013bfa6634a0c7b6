"""POST /sdapi/v1/txt2img and /img2img: an A1111 body in, base64 images and A1111's `info` out."""

from fastapi import APIRouter

from localai_ui.sdapi.parts import ApiParts
from localai_ui.sdapi.request_models import Img2ImgRequest, Txt2ImgRequest
from localai_ui.sdapi.responses import ImagesResponse


def add_generate_routes(router: APIRouter, parts: ApiParts) -> None:
	"""Sync handlers: FastAPI runs each in a worker thread, where the run waits its turn for the device."""

	def txt2img(body: Txt2ImgRequest) -> ImagesResponse:
		request = parts.translator.txt2img(body)
		shown = body.model_dump(mode='json')
		return parts.runner.run(request, 'txt2img', send_images=body.send_images, parameters=shown)

	def img2img(body: Img2ImgRequest) -> ImagesResponse:
		request = parts.translator.img2img(body)
		kept = body if body.include_init_images else body.model_copy(update={'init_images': None, 'mask': None})
		shown = kept.model_dump(mode='json')
		return parts.runner.run(request, 'img2img', send_images=body.send_images, parameters=shown)

	router.add_api_route(
		'/txt2img', txt2img, methods=['POST'], response_model=ImagesResponse, summary='Text to image (hires fix too)'
	)
	router.add_api_route(
		'/img2img', img2img, methods=['POST'], response_model=ImagesResponse, summary='Image to image, inpainting'
	)

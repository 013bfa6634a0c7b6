"""Sample images of every format PNG Info reads, built from the documented formats (FACTS.md, Formats)."""

import io
import json

from PIL import Image, PngImagePlugin

A1111_TEXT = (
	'a castle on a hill, <lora:ink:0.7>\nNegative prompt: fog, lowres\n'
	'Steps: 28, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 6.5, Seed: 1234, Size: 512x768, '
	'Model hash: abcdef1234, Model: dreamshaper_8, Version: v1.10.1'
)
FORGE_TEXT = A1111_TEXT.replace('Version: v1.10.1', 'Version: f2.0.1v1.10.1-previous-313-g8a042934')
# What Markdown would eat: a LoRA tag (read as an HTML tag or link), emphasis marks, brackets, a pipe.
MARKED_PROMPT = 'a castle <lora:ink:0.6> (word:1.2) *stars* [moss] _under_ | #1'
MARKED_NEGATIVE = '<bad-hands> **blurry**'
MARKED_TEXT = f'{MARKED_PROMPT}\nNegative prompt: {MARKED_NEGATIVE}\n' + A1111_TEXT.split('\n')[-1]
OURS_TEXT = A1111_TEXT.replace('Version: v1.10.1', 'Styles: "Cinematic, Film", Version: LocalAI UI 0.1.0')
COMFY_PROMPT = {
	'3': {
		'class_type': 'KSampler',
		'inputs': {
			'seed': 42, 'steps': 20, 'cfg': 8, 'sampler_name': 'euler_ancestral', 'scheduler': 'karras',
			'denoise': 1, 'model': ['10', 0], 'positive': ['6', 0], 'negative': ['7', 0], 'latent_image': ['5', 0],
		},
	},
	'4': {'class_type': 'CheckpointLoaderSimple', 'inputs': {'ckpt_name': 'sd15/v1-5-pruned.safetensors'}},
	'10': {'class_type': 'LoraLoader', 'inputs': {'lora_name': 'ink.safetensors', 'model': ['4', 0], 'clip': ['4', 1]}},
	'5': {'class_type': 'EmptyLatentImage', 'inputs': {'width': 640, 'height': 448, 'batch_size': 1}},
	'6': {'class_type': 'CLIPTextEncode', 'inputs': {'text': 'a misty forest', 'clip': ['10', 1]}},
	'7': {'class_type': 'CLIPTextEncode', 'inputs': {'text': 'text, watermark', 'clip': ['10', 1]}},
}  # fmt: skip
COMFY_WORKFLOW = {
	'nodes': [
		{'id': 3, 'type': 'KSampler', 'widgets_values': [77, 'fixed', 12, 5.5, 'dpmpp_2m', 'normal', 1],
		 'inputs': [{'name': 'positive', 'link': 1}, {'name': 'negative', 'link': 2}]},
		{'id': 6, 'type': 'CLIPTextEncode', 'widgets_values': ['a sunny beach'], 'inputs': []},
		{'id': 7, 'type': 'CLIPTextEncode', 'widgets_values': ['rain'], 'inputs': []},
	],
	'links': [[1, 6, 0, 3, 1, 'CONDITIONING'], [2, 7, 0, 3, 2, 'CONDITIONING']],
}  # fmt: skip
INVOKE = {
	'generation_mode': 'txt2img', 'positive_prompt': 'a koi pond', 'negative_prompt': 'murky', 'width': 768,
	'height': 512, 'seed': 987, 'cfg_scale': 7.5, 'steps': 30, 'scheduler': 'dpmpp_2m_k',
	'model': {'name': 'stable-diffusion-v1-5', 'base': 'sd-1'}, 'loras': [{'model': {'name': 'ink'}, 'weight': 0.5}],
	'app_version': '4.2.9',
}  # fmt: skip
FOOOCUS = {
	'prompt': 'a robot gardener', 'negative_prompt': 'ugly', 'styles': "['Fooocus V2', 'Fooocus Enhance']",
	'performance': 'Speed', 'resolution': '(1024, 1024)', 'guidance_scale': 4, 'sharpness': 2,
	'sampler': 'dpmpp_2m_sde_gpu', 'scheduler': 'karras', 'seed': '5551212', 'base_model': 'juggernautXL_v8',
	'version': 'Fooocus v2.5.5', 'steps': 30,
}  # fmt: skip
NOVELAI = {
	'prompt': '1girl, cherry blossoms', 'uc': 'lowres, bad hands', 'steps': 28, 'scale': 5.0, 'seed': 31337,
	'sampler': 'k_euler_ancestral', 'width': 832, 'height': 1216, 'noise_schedule': 'karras',
}  # fmt: skip


def picture() -> Image.Image:
	return Image.new('RGB', (32, 32), (30, 120, 200))


def png(texts: dict[str, str]) -> bytes:
	info = PngImagePlugin.PngInfo()
	for key, value in texts.items():
		info.add_text(key, value)
	buffer = io.BytesIO()
	picture().save(buffer, format='PNG', pnginfo=info)
	return buffer.getvalue()


def with_user_comment(text: str, image_format: str, *, little_endian: bool = False) -> bytes:
	"""JPEG/WEBP with the infotext in EXIF UserComment as A1111 writes it (piexif 'unicode')."""
	exif = Image.Exif()
	exif.get_ifd(0x8769)[0x9286] = b'UNICODE\x00' + text.encode('utf-16-le' if little_endian else 'utf-16-be')
	buffer = io.BytesIO()
	picture().save(buffer, format=image_format, exif=exif.tobytes())
	return buffer.getvalue()


SAMPLES: dict[str, bytes] = {
	'ours': png({'parameters': OURS_TEXT}),
	'a1111': png({'parameters': A1111_TEXT}),
	'marked': png({'parameters': MARKED_TEXT}),
	'forge': png({'parameters': FORGE_TEXT}),
	'comfyui': png({'prompt': json.dumps(COMFY_PROMPT), 'workflow': json.dumps(COMFY_WORKFLOW)}),
	'comfyui_workflow_only': png({'workflow': json.dumps(COMFY_WORKFLOW)}),
	'invokeai': png({'invokeai_metadata': json.dumps(INVOKE)}),
	'fooocus': png({'parameters': json.dumps(FOOOCUS), 'fooocus_scheme': 'fooocus'}),
	'novelai': png(
		{
			'Title': 'NovelAI generated image',
			'Description': str(NOVELAI['prompt']),
			'Software': 'NovelAI',
			'Source': 'NovelAI Diffusion V3 7BCCAA2C',
			'Comment': json.dumps(NOVELAI),
		}
	),  # fmt: skip
	'jpeg_a1111': with_user_comment(A1111_TEXT, 'JPEG'),
	'webp_a1111': with_user_comment(A1111_TEXT, 'WEBP', little_endian=True),
	'plain': png({}),
}

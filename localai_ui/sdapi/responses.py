"""What the API answers, in A1111's shapes (modules/api/models.py): the same keys its clients read."""

from pydantic import BaseModel, ConfigDict, Field, JsonValue


class ApiModel(BaseModel):
	model_config = ConfigDict(protected_namespaces=())


class ImagesResponse(ApiModel):
	"""/txt2img and /img2img: base64 images, the request as understood, and `info`: a JSON string (A1111's
	Processed.js(): prompt, all_seeds, infotexts...)."""

	images: list[str] | None = Field(default=None, description='The images as base64 files (PNG with infotext).')
	parameters: dict[str, JsonValue]
	info: str


class ProgressState(ApiModel):
	skipped: bool = False
	interrupted: bool = False
	stopping_generation: bool = False
	job: str = ''
	job_count: int = 0
	job_timestamp: str = '0'
	job_no: int = 0
	sampling_step: int = 0
	sampling_steps: int = 0


class ProgressResponse(ApiModel):
	progress: float = Field(description='The progress of the current run, 0 to 1.')
	eta_relative: float = Field(description='Seconds left (estimate).')
	state: ProgressState
	current_image: str | None = Field(default=None, description='The latest live preview, base64 PNG.')
	textinfo: str | None = None


class PngInfoResponse(ApiModel):
	info: str = Field(description='The infotext the image carries (A1111 `parameters`).')
	items: dict[str, str] = Field(description='The other text the image carries.')
	parameters: dict[str, str] = Field(description='The infotext read into fields (Prompt, Steps, Size-1...).')


class ExtrasSingleImageResponse(ApiModel):
	html_info: str
	image: str | None = None


class SDModelItem(ApiModel):
	title: str
	model_name: str
	hash: str | None
	sha256: str | None
	filename: str
	config: str | None = None


class SDVaeItem(ApiModel):
	model_name: str
	filename: str


class SamplerItem(ApiModel):
	name: str
	aliases: list[str]
	options: dict[str, str]


class SchedulerItem(ApiModel):
	name: str
	label: str
	aliases: list[str] | None = None
	default_rho: float | None = None
	need_inner_model: bool | None = None


class UpscalerItem(ApiModel):
	name: str
	model_name: str | None = None
	model_path: str | None = None
	model_url: str | None = None
	scale: float | None = None


class NameItem(ApiModel):
	name: str


class PromptStyleItem(ApiModel):
	name: str
	prompt: str | None
	negative_prompt: str | None


class LoraItem(ApiModel):
	name: str
	alias: str
	path: str
	metadata: dict[str, str]


class EmbeddingItem(ApiModel):
	step: int | None = None
	sd_checkpoint: str | None = None
	sd_checkpoint_name: str | None = None
	shape: int
	vectors: int


class EmbeddingsResponse(ApiModel):
	loaded: dict[str, EmbeddingItem] = Field(description='Embeddings that fit the current model.')
	skipped: dict[str, EmbeddingItem] = Field(description='Embeddings of another model family.')


class MemoryResponse(ApiModel):
	ram: dict[str, JsonValue]
	cuda: dict[str, JsonValue]


class ScriptsList(ApiModel):
	txt2img: list[str] = Field(default_factory=list[str])
	img2img: list[str] = Field(default_factory=list[str])

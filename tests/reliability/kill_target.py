"""The process the SIGKILL test kills at random points: it records runs the way GenerateService does (a row when the
run starts, each image written atomically with its thumbnail and then recorded, the row finished), over and over.

It runs the real database, ImageStore and write_atomic but no model, so a kill costs half a second, not a torch import.
Run: python -m tests.reliability.kill_target DATABASE OUTPUTS_DIR
"""

import random
import sys
from datetime import UTC, datetime
from pathlib import Path

from PIL import Image

from localai_ui.database import crud as database_service
from localai_ui.database.engine import open_database
from localai_ui.features.generate.image_store import ImageStore
from localai_ui.schemas.assets import Family
from localai_ui.schemas.generation import GenerationRequest
from localai_ui.schemas.models import ModelInfo
from localai_ui.schemas.progress import GeneratedImage, GenerationJob, RunStatus

SIDE = 256  # noise compresses badly: each PNG is about 200 KB, so kills often land mid-write
PER_RUN = 2
READY = 'ready'


def noise(seed: int) -> Image.Image:
	return Image.frombytes('RGB', (SIDE, SIDE), random.Random(seed).randbytes(SIDE * SIDE * 3))


def record_runs(database_path: Path, outputs_dir: Path) -> None:
	"""Record runs until killed; prints READY once the database is open, then each finished run's id."""
	database = open_database(database_path)
	store = ImageStore(database, outputs_dir)
	model = ModelInfo(name='killed-model', path=outputs_dir, family=Family.SD1)
	print(READY, flush=True)
	for run in range(10**9):
		seeds = tuple(run * PER_RUN + index for index in range(PER_RUN))
		request = GenerationRequest(prompt=f'killed run {run}', width=SIDE, height=SIDE, seed=seeds[0])
		job = GenerationJob(request=request, model=model, seeds=seeds)
		with database.transaction() as session:
			generation_id = database_service.create_generation(
				session,
				request=request,
				model_name=model.name,
				model_hash=None,
				seeds=seeds,
				started_at=datetime.now(UTC),
			)
		images = tuple(GeneratedImage(noise(seed), seed, index) for index, seed in enumerate(seeds))
		saved = store.save(generation_id, job, images)
		with database.transaction() as session:
			database_service.finish_generation(
				session,
				generation_id=generation_id,
				status=RunStatus.COMPLETED,
				finished_at=datetime.now(UTC),
				it_per_s=None,
				error=None,
				infotext=saved[0].infotext,
			)
		print(generation_id, flush=True)


if __name__ == '__main__':
	record_runs(Path(sys.argv[1]), Path(sys.argv[2]))

#!/usr/bin/env bash
# The overhead benchmark on a GPU machine: an SD1.5-shaped random-weight fp16 model, 512x512, 20 steps,
# raw diffusers against the app's path. Wheels the machine lacks may be carried in .whl/ (see docs/CONTRIBUTING.md).
set -euo pipefail
cd "$(dirname "$0")/.."
if compgen -G '.whl/*.whl' > /dev/null; then
	python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl
	export PYTHONPATH="/tmp/site:$PWD"
fi
export HF_HUB_OFFLINE=1 GRADIO_ANALYTICS_ENABLED=False PYTHONUNBUFFERED=1
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader
python3 -c 'import torch, diffusers; print("torch", torch.__version__, "diffusers", diffusers.__version__)'
python3 -m bench.gpu_gap --device cuda --runs "${RUNS:-5}"  # the 3x gap: each way the bench differs from a plain script
python3 -m bench.overhead --shape sd15 --device cuda --size 512 --steps 20 --runs "${RUNS:-7}"
python3 -m bench.fast_mode --shapes sd15,sdxl --steps 20 --runs "${RUNS:-5}"  # --fast: eager vs compiled

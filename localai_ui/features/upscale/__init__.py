"""The Upscale tab (A1111's Extras): any picture upscaled by a resampler or a model upscaler, saved and recorded."""

"""Side-by-side benchmarks: the app's path against raw diffusers in the same process."""

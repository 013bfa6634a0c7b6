"""System page facts, --device parsing and the GPU memory planner."""

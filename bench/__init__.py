"""The benchmark, its page reruns and synthetic data: tools for measuring SwapWatch, never imported by the dashboard."""

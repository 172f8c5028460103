"""rebound-tui: a calm terminal companion for a job search full of rejections."""

__version__ = "0.1.0"

"""Persian information extraction: people, titles, resolution numbers, dates and
task lists from news and government text, as JSON per document or as tables."""
from .api import build, default_pipeline, extract
from .document import Document
from .output import to_json
from .stages import Pipeline, PipelineError, Stage
from .tables import load

__all__ = ["Document", "Pipeline", "PipelineError", "Stage", "build", "default_pipeline", "extract", "load", "to_json"]
__version__ = "0.1.0"

"""Persian information extraction: people, titles, resolution numbers, dates and
task lists from news and government text, as JSON per document or as tables."""
from .api import build, config, extract
from .component import Component, Pipeline, PipelineConfig, PipelineError
from .document import Document
from .output import to_json
from .tables import load

__all__ = ["Component", "Document", "Pipeline", "PipelineConfig", "PipelineError", "build", "config", "extract",
           "load", "to_json"]
__version__ = "0.1.0"

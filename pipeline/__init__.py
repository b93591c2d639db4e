"""Persian information extraction: people, titles, resolution numbers, dates and
task lists from news and government text, as JSON per document or as tables."""
from .api import build, config, extract
from .component import Component, Pipeline, PipelineConfig, PipelineError
from .document import Document
from .output import to_json

__all__ = ["Component", "Document", "Pipeline", "PipelineConfig", "PipelineError", "build", "config", "extract",
           "load", "to_json"]
__version__ = "0.1.0"


def __getattr__(name: str):
    # ``load`` needs pandas, which one ``extract`` from the command line never does:
    # imported on first use (``pipeline.load``), not with the package
    if name == "load":
        from .tables import load

        return load
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

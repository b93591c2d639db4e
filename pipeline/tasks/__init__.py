"""The tasks component: directives found at named frames, with requester,
addressees, deadline and cited resolutions. Its rules and words are in
``tasks.yaml``, its examples in ``examples.yaml`` (both beside this file)."""
from .extractor import TaskExtractor, extract_tasks
from .frames import FrameKind, TaskRulesError

__all__ = ["FrameKind", "TaskExtractor", "TaskRulesError", "extract_tasks"]

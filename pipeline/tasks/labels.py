"""The ``frame`` labels of the pieces the code makes itself, not from a named
frame of ``tasks.yaml`` (so no frame there may take one of these names)."""
from __future__ import annotations


class PieceLabel:
    LIST_INTRO = "list_intro"          # a line that announces a list and has no frame
    LIST_ITEM = "list_item"            # a line of a list under such an intro
    LIST_SUBITEM = "list_subitem"      # an inline «(۱) ... (۲) ...» item
    NOMINAL_ITEM = "nominal_item"      # a nominal «؛» item of a paragraph after a request
    CONTINUATION = "continuation"      # a later sentence in the mood of a request


RESERVED = frozenset(v for k, v in vars(PieceLabel).items() if k.isupper())

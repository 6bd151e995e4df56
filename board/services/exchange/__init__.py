"""Export an initiative as JSON and import it into an engagement (a round trip loses nothing).

The document (``FORMAT``, version ``VERSION``) holds everything of one initiative: the initiative,
its KPIs with their measurements and both sides' agreements, access grants, shadowing sessions, clusters, cards of every
kind (soft-deleted ones too, with ``deleted_at``), the evidence links between cards, comments,
budget requests with their decisions, spend and the whole event log. People are referenced as
``{"email", "name"}``; ``people`` lists each once with the id they had, so that the ids inside
event data can be mapped too. Lists are in a fixed order (by time, then id) and money is in cents.

An import validates the whole document before writing anything, then recreates every row with
new ids in the target engagement. Ids are remapped consistently everywhere, including inside
event data (any string equal to an id of the document), and the new ids sort in the same order
as the old ones, so the re-export lists rows in the same order. People are matched by email; an
unknown email becomes a new account without a password (it cannot sign in until one is set).
Authors, sides, timestamps, versions, event ``seq`` numbers and the initiative's ``last_seq`` are
kept as they were: export → import → export gives the same document once ids are canonicalised.

The import itself is recorded as one engagement-level event (``initiative.imported``, no
initiative and so no ``seq``): the initiative's own log stays exactly the imported one.
"""
from __future__ import annotations

from .document import validate_document
from .export import export_for, export_initiative
from .fields import (
    AGREEMENT_FIELDS, CARD_FIELDS, CLUSTER_FIELDS, COMMENT_FIELDS, DECISION_FIELDS, FORMAT, GRANT_FIELDS,
    INITIATIVE_FIELDS, KPI_FIELDS, LINK_FIELDS, MEASUREMENT_FIELDS, PEOPLE_LISTS, PERSON_COLUMNS, REQUEST_FIELDS, SESSION_FIELDS,
    SPEND_FIELDS, VERSION,
)
from .importer import import_initiative

__all__ = ["FORMAT", "VERSION", "export_initiative", "export_for", "import_initiative", "validate_document",
           "INITIATIVE_FIELDS", "KPI_FIELDS", "MEASUREMENT_FIELDS", "AGREEMENT_FIELDS", "GRANT_FIELDS", "SESSION_FIELDS", "CLUSTER_FIELDS",
           "CARD_FIELDS", "LINK_FIELDS", "COMMENT_FIELDS", "REQUEST_FIELDS", "DECISION_FIELDS", "SPEND_FIELDS",
           "PEOPLE_LISTS", "PERSON_COLUMNS"]

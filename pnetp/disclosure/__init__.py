"""Statistical disclosure control: every count that leaves the platform for the public passes through here.

Rules (k = ``settings.PNETP_DISCLOSURE_K``, default 11 as CTDC used; k = 1 disables suppression):

- Primary suppression: a cell or total from 1 to k−1 is never published.
- Zeros are published and never chosen to hide another number. A 0 is usually structural, and hiding it
  protects little (a hidden cell cannot go below 0). In exchange the audit assumes the attacker knows this
  rule: every suppressed number is at least 1.
- Secondary suppression (``secondary``) until the audit passes. Protection level: for every suppressed number,
  the attacker's exact integer interval, given every published number and every sum, reaches k and is not a
  single value — a small count can neither be derived nor be recognised as small.
- Rendering (``render``): data formats carry null plus ``suprimido: true``; pages show "X" with ``legend(k)``.

What callers may publish:

- Only ``ProtectedTable`` values, or single numbers through ``public_count`` when they are not parts or totals
  of other published numbers.
- Tables released together — on one page, in one export or open-data package, or already public with the same
  universe — go through one ``protect_linked`` call, so a cell hidden in one is not published in another.
- Multi-valued variables (a person in several rows) and numbers tied to other tables by sums that are not
  rows and columns go through ``OverlapTable``: hidden parts (the combinations that occur) and the sums over
  them that are published.
- Totals that differ by a part ("Brasil" and "Brasil exceto SP", year-to-date figures over the months) go
  through ``protect_series``; never publish such differences ad hoc. Give each population (victims, cases) and
  reference period its own ``universe``.
- ``assert_safe(*tables)`` checks any set of protected tables from their public values only; exporters and
  other apps' tests call it before releasing.
- A large table can be protected block by block against a margin already published (``blocks``): a block
  tied to the rest only by published numbers is as safe alone as in one pass. Blocks whose margin has a
  suppressed number must be published coarser or not at all.
- Releases that are expensive to protect are stored (``store``: one ``models.ReleaseVersion`` per release, one
  ``ReleasePart`` per table, shared between versions; ``serialise``) and served from storage table by table;
  they hold public values only. ``memo`` stores block outcomes and audit verdicts with them, so the next
  computation, in any process, redoes only the blocks whose inputs changed.

Suppression protects one release. Republishing corrected or updated figures lets differences be taken over
time; for series of releases prefer the differentially private release (``dp``), whose budget adds up.
"""

from .audit import DisclosureError, Violation, assert_safe, intervals, violations
from .primary import default_k
from .protect import ProtectedTable, protect, protect_linked, protect_series
from .render import SUPPRESSED, display, legend, public_count
from .tables import CountTable, HierarchicalTable, OverlapTable, SeriesTable, cumulative, make_key

__all__ = [
    "SUPPRESSED",
    "CountTable",
    "DisclosureError",
    "HierarchicalTable",
    "OverlapTable",
    "ProtectedTable",
    "SeriesTable",
    "Violation",
    "assert_safe",
    "cumulative",
    "default_k",
    "display",
    "intervals",
    "legend",
    "make_key",
    "protect",
    "protect_linked",
    "protect_series",
    "public_count",
    "violations",
]

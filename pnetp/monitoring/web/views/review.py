"""The coordination's queue of reports waiting for analysis."""

from pnetp.accounts.access import policy_required
from pnetp.monitoring.services.permissions import can_review

from .. import queries
from ..rendering import render_page


@policy_required(can_review)
def review_queue(request):
    return render_page(request, "monitoring/web/review_queue.html", {"reports": queries.review_queue()})

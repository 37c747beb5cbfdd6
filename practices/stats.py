"""Headline figures of the practices catalogue, counted from the data (live pages only)."""

from .models import CircularPage, PracticePage, Replication, ReplicationStatus


def figures():
    """Practices, best practices, completed replications and circulars, for the home page.

    `replications` is the sum over live practices of their replication counts: the distinct
    LGIs with a completed replication (one replication per practice and LGI, so a count of rows).
    """
    practices = PracticePage.objects.live()
    return {
        "practices": practices.count(),
        "best_practices": practices.filter(is_best_practice=True).count(),
        "replications": Replication.objects.filter(
            status=ReplicationStatus.COMPLETED, practice__live=True
        ).count(),
        "circulars": CircularPage.objects.live().count(),
    }

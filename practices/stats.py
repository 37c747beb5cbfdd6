"""Headline figures of the practices catalogue, counted from the data (live pages only)."""

from .models import CircularPage, PracticePage, Replication, ReplicationStatus


def figures():
    """Practices, best practices, completed replications and circulars, for the home page.

    `replications` is the sum over live practices of their replication counts: the distinct
    LGIs with a completed replication (one replication per practice and LGI, so a count of rows).
    `lgis_reached` counts the unions and pourashavas with a completed replication of any live
    practice, as the dashboard's "LGIs reached" does.
    """
    practices = PracticePage.objects.live()
    completed = Replication.objects.filter(status=ReplicationStatus.COMPLETED, practice__live=True)
    return {
        "practices": practices.count(),
        "best_practices": practices.filter(is_best_practice=True).count(),
        "replications": Replication.objects.filter(
            status=ReplicationStatus.COMPLETED, practice__live=True
        ).count(),
        "circulars": CircularPage.objects.live().count(),
        "lgis_reached": completed.values("lgi").distinct().count(),
    }

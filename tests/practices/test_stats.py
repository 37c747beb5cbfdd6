from places.models import Area
from portal.headlines import figures as headline_figures
from practices.models import PracticePage, Replication, ReplicationStatus
from practices.stats import figures

from .factories import CircularPageFactory, PracticePageFactory, ReplicationFactory


def test_figures_count_live_pages_and_completed_replications(practice_index, circular_index):
    lgis = list(Area.objects.lgis().exclude(key="UN1").order_by("pk")[:6])
    live = PracticePageFactory(parent=practice_index)
    draft = PracticePageFactory(parent=practice_index, live=False)
    best = PracticePageFactory(parent=practice_index)
    PracticePage.objects.filter(pk=best.pk).update(is_best_practice=True)
    for lgi in lgis[:3]:
        ReplicationFactory(practice=live, lgi=lgi)
    ReplicationFactory(practice=live, lgi=lgis[3], status=ReplicationStatus.ONGOING)
    ReplicationFactory(practice=draft, lgi=lgis[4])
    ReplicationFactory(practice=best, lgi=lgis[5])
    CircularPageFactory(parent=circular_index)
    CircularPageFactory(parent=circular_index, live=False)

    counted = figures()

    assert counted["practices"] == PracticePage.objects.filter(live=True).count() == 2
    assert counted["best_practices"] == 1
    completed_of_live = Replication.objects.filter(
        status="completed", practice__live=True
    ).values_list("practice_id", "lgi_id")
    assert counted["replications"] == len(set(completed_of_live)) == 4
    assert counted["circulars"] == 1
    assert headline_figures()["practices"] == counted["practices"]
    assert headline_figures()["lgis"] == Area.objects.lgis().count()

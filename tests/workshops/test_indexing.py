import pytest

from search.documents import load_documents, make_key

from .factories import DecisionFactory, WorkshopPageFactory

pytestmark = pytest.mark.django_db


def test_published_workshops_are_search_documents_with_their_decisions(workshop_index):
    workshop = WorkshopPageFactory(parent=workshop_index, title="কুড়িগ্রাম থিমেটিক কর্মশালা")
    DecisionFactory(workshop=workshop, text_bn="ইউডিসিসি সভা নিয়মিত আয়োজন করা হবে")
    draft = WorkshopPageFactory(parent=workshop_index, live=False)

    documents = load_documents([make_key("workshop", workshop.pk), make_key("workshop", draft.pk)])
    document = documents[make_key("workshop", workshop.pk)]
    assert document["title_bn"] == "কুড়িগ্রাম থিমেটিক কর্মশালা"
    assert "ইউডিসিসি সভা নিয়মিত আয়োজন" in document["text_bn"]
    assert document["url_bn"] == workshop.url
    assert document["url_en"] == f"/en{workshop.url}"
    assert document["district"] == "BD3026"
    assert documents[make_key("workshop", draft.pk)] is None

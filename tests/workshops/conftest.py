from django.contrib.auth.models import Group

import pytest

from hlp_site.models import HomePage
from places.models import Area
from portal import roles
from portal.models import UserProfile
from practices.models import PracticeIndexPage
from workshops.models import WorkshopIndexPage

from .factories import PracticePageFactory, WorkshopPageFactory


@pytest.fixture
def home(db):
    return HomePage.objects.get()


@pytest.fixture
def workshop_index(home):
    return home.add_child(instance=WorkshopIndexPage(title="কর্মশালা", slug="workshops"))


@pytest.fixture
def practice_index(home):
    return home.add_child(instance=PracticeIndexPage(title="ভালো শিখন", slug="practices"))


@pytest.fixture
def union(db):
    return Area.objects.get(key="UN1")


@pytest.fixture
def other_union(db):
    return Area.objects.get(key="UN2")


@pytest.fixture
def third_union(db):
    return Area.objects.get(key="UN3")


@pytest.fixture
def practice(practice_index, union):
    return PracticePageFactory(parent=practice_index, lgi=union)


@pytest.fixture
def workshop(workshop_index):
    return WorkshopPageFactory(parent=workshop_index)


@pytest.fixture
def make_user(django_user_model):
    def make(username, role=None, lgis=()):
        user = django_user_model.objects.create_user(username=username, password="x-pass-12345")
        if role:
            user.groups.add(Group.objects.get(name=role))
        profile, _created = UserProfile.objects.get_or_create(user=user)
        profile.lgis.set(lgis)
        return user

    return make


@pytest.fixture
def curator(make_user):
    return make_user("curator", roles.NILG_CURATOR)


@pytest.fixture
def editor(make_user, union):
    return make_user("editor", roles.UP_EDITOR, [union])


@pytest.fixture
def policymaker(make_user):
    return make_user("policymaker", roles.POLICYMAKER)

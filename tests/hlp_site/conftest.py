from django.contrib.auth.models import Group

import pytest

from places.models import Area
from portal.models import UserProfile


@pytest.fixture
def union(db):
    return Area.objects.get(key="UN1")


@pytest.fixture
def other_union(db):
    return Area.objects.get(key="UN2")


@pytest.fixture
def make_user(django_user_model):
    def make(username, role=None, lgis=(), national_scope=False):
        user = django_user_model.objects.create_user(username=username, password="x-pass-12345")
        if role:
            user.groups.add(Group.objects.get(name=role))
        profile, _created = UserProfile.objects.get_or_create(user=user)
        profile.lgis.set(lgis)
        profile.national_scope = national_scope
        profile.save()
        return user

    return make

"""The editorial set-up of the catalogue: who may add, change and publish which pages, and the
NILG review every submission goes through.

UP editors add and change practices (the LGI scope is applied by `permissions.py`) and submit
them; NILG curators review, request changes and publish everywhere on the site. Page permissions
are tied to pages, so this runs whenever the catalogue's pages exist (demo load, creation of the
catalogue page in the admin, each migrate).
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from portal.roles import NILG_CURATOR, UP_EDITOR

from .models import CircularIndexPage, PracticeIndexPage

# Their names are what the admin shows on its buttons and states ("… জমা দিন").
WORKFLOW_NAME = "এনআইএলজি পর্যালোচনা"
TASK_NAME = "এনআইএলজি কিউরেটরের অনুমোদন"
EDITOR_PAGE_ACTIONS = ("add_page", "change_page")
CURATOR_PAGE_ACTIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")


def _grant(group, page, codenames):
    for codename in codenames:
        permission = Permission.objects.get(
            content_type__app_label="wagtailcore", codename=codename
        )
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def review_workflow():
    """The NILG review workflow with its one task, approved by NILG curators."""
    curators = Group.objects.get(name=NILG_CURATOR)
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.add(curators)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow


@transaction.atomic
def ensure():
    """Grant the page permissions and attach the review workflow; a no-op once done, and before
    the catalogue exists."""
    index = PracticeIndexPage.objects.first()
    if index is None:
        return False
    try:
        editors = Group.objects.get(name=UP_EDITOR)
        curators = Group.objects.get(name=NILG_CURATOR)
    except Group.DoesNotExist:
        return False
    _grant(editors, index, EDITOR_PAGE_ACTIONS)
    home = index.get_parent()
    curator_root = home if home.depth > 1 else index
    _grant(curators, curator_root, CURATOR_PAGE_ACTIONS)
    for circulars in CircularIndexPage.objects.all():
        if not circulars.path.startswith(curator_root.path):
            _grant(curators, circulars, CURATOR_PAGE_ACTIONS)
    WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": review_workflow()})
    return True


def ensure_after_migrate(sender, **kwargs):
    if Page.objects.exists():
        ensure()

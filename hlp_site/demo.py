"""Demo content of the portal itself: the home page's texts and demo accounts for each role."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from places.models import Area

from . import roles
from .models import HomePage, UserProfile

INTRO_BN = (
    "<p>পারস্পরিক শিখন কর্মসূচি (এইচএলপি) স্থানীয় সরকার বিভাগের উদ্যোগে জাতীয় স্থানীয় সরকার "
    "ইনস্টিটিউট (এনআইএলজি) কর্তৃক বাস্তবায়িত একটি সমসাথী শিখন কার্যক্রম। ইউনিয়ন পরিষদ ও পৌরসভা "
    "নন্দিত অনুসন্ধানের মাধ্যমে নিজেদের ভালো শিখন খুঁজে বের করে এবং নিজস্ব বাজেটে একে অপরের "
    "ভালো শিখন অনুসরণ করে।</p><p><em>এই পোর্টালের তথ্য প্রদর্শনের জন্য তৈরি নমুনা তথ্য।</em></p>"
)
INTRO_EN = (
    "<p>The Horizontal Learning Program (HLP) is a peer-learning programme of the Local "
    "Government Division, implemented by the National Institute of Local Government (NILG). "
    "Union parishads and pourashavas find their own good practices through Appreciative Inquiry "
    "and replicate each other's from their own budgets.</p>"
    "<p><em>The figures on this portal are demo data.</em></p>"
)

# Demo sign-ins, one per role; the password is printed by `make run` and in the README.
DEMO_PASSWORD = "hlp-demo-2026"
DEMO_USERS = [
    ("curator", roles.NILG_CURATOR, False, ["UN1"]),
    ("up-editor", roles.UP_EDITOR, False, ["UN1"]),
    ("registry-officer", roles.REGISTRY_OFFICER, False, ["UN1"]),
    ("policymaker", roles.POLICYMAKER, False, []),
]


def load():
    home = HomePage.objects.first()
    if home is not None and (home.intro_bn != INTRO_BN or home.title != "প্রথম পাতা"):
        home.title = "প্রথম পাতা"
        home.intro_bn = INTRO_BN
        home.intro_en = INTRO_EN
        home.save_revision().publish()
    users = 0
    User = get_user_model()
    for username, role, staff, lgi_keys in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=username, defaults={"email": f"{username}@example.org", "is_staff": staff}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
            users += 1
        user.groups.add(Group.objects.get(name=role))
        profile, _created = UserProfile.objects.get_or_create(user=user)
        profile.lgis.add(*Area.objects.filter(key__in=lgi_keys))
    admin, created = User.objects.get_or_create(
        username="admin", defaults={"is_superuser": True, "is_staff": True}
    )
    if created:
        admin.set_password(DEMO_PASSWORD)
        admin.save()
        users += 1
    return f"home page, {users} demo accounts created"

"""Demo content of the dashboards: the dashboard page under the home page, and the figure
tables rebuilt from the demo's replications and budget lines (bulk-loaded without signals)."""

from portal.pages import home_page

from . import aggregates
from .models import DashboardPage

TITLE = "ড্যাশবোর্ড"
INTRO_BN = (
    "<p>ভালো শিখনের পুনর্বাস্তবায়ন, ইউনিয়নের বাজেট, উপকারভোগী ও পরিপত্র — বিভাগ, জেলা, থিম ও "
    "অর্থবছর অনুযায়ী। প্রতিটি সংখ্যা পোর্টালের তথ্য থেকে গণনা করা; সংখ্যায় ক্লিক করলে তার পেছনের "
    "তালিকা দেখা যাবে।</p>"
)
INTRO_EN = (
    "<p>Replications of good practices, union budgets, beneficiaries and circulars — by "
    "division, district, theme and fiscal year. Every figure is counted from the portal's data; "
    "click a figure for the list behind it.</p>"
)


def load():
    home = home_page()
    created = False
    if home is not None and not DashboardPage.objects.exists():
        page = home.add_child(
            instance=DashboardPage(
                title=TITLE, slug="dashboard", intro_bn=INTRO_BN, intro_en=INTRO_EN
            )
        )
        page.save_revision().publish()
        created = True
    rows = aggregates.refresh(None)
    page = "dashboard page created" if created else "dashboard page kept"
    return f"{page}, {rows} figure rows"

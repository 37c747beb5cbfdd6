"""What a visitor does on the portal: the home page, practices, search, the dashboard and the
open data API, in Bangla and English, with a pause to read between pages.

The runner (`python -m benchmarks.load`) writes the URLs of the demo content it loaded to the
JSON file named by HLP_LOAD_URLS."""

import json
import os
import random
from pathlib import Path

from locust import HttpUser, between, task

URLS = json.loads(Path(os.environ["HLP_LOAD_URLS"]).read_text(encoding="utf-8"))
TERMS = [
    "আর্সেনিক",
    "উন্মুক্ত বাজেট",
    "ইউনিয়ন পরিষদের",
    "প্রতিবন্ধী",
    "নারী",
    "UDCC",
    "arsenic",
    "disability",
    "২০১৯",
    "পানি নলকূপ",
]


def pick(kind):
    return random.choice(URLS[kind])


class Visitor(HttpUser):
    wait_time = between(0.5, 2.0)

    @task(3)
    def home(self):
        self.client.get(pick("home"), name="home")

    @task(3)
    def practices(self):
        self.client.get(pick("practice_lists"), name="practices list")

    @task(4)
    def practice(self):
        self.client.get(pick("practices"), name="practice page")

    @task(3)
    def search(self):
        prefix = "/en" if random.random() < 0.3 else ""
        self.client.get(f"{prefix}/search/", params={"q": random.choice(TERMS)}, name="search")

    @task(2)
    def dashboard(self):
        self.client.get(pick("dashboards"), name="dashboard")

    @task(2)
    def api(self):
        self.client.get(pick("api"), name="api")

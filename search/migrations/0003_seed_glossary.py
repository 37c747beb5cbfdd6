"""The glossary NILG starts with: the programme's Bangla terms with their English and short forms."""

from django.db import migrations

GROUPS = [
    ["arsenic", "আর্সেনিক"],
    ["UDCC", "ইউডিসিসি", "ইউনিয়ন উন্নয়ন সমন্বয় কমিটি", "Union Development Coordination Committee"],
    ["disability", "প্রতিবন্ধী", "প্রতিবন্ধিতা"],
    ["union parishad", "ইউনিয়ন পরিষদ", "ইউপি"],
    ["pourashava", "municipality", "পৌরসভা"],
    ["circular", "পরিপত্র"],
    ["workshop", "কর্মশালা"],
    ["good practice", "ভালো শিখন", "ভাল শিখন"],
    ["best practice", "সর্বাপেক্ষা ভালো শিখন"],
    ["HLP", "Horizontal Learning Program", "এইচএলপি", "পারস্পরিক শিখন কর্মসূচি"],
    ["NILG", "এনআইএলজি", "জাতীয় স্থানীয় সরকার ইনস্টিটিউট", "National Institute of Local Government"],
    ["LGD", "স্থানীয় সরকার বিভাগ", "Local Government Division"],
    ["Appreciative Inquiry", "নন্দিত অনুসন্ধান"],
    ["exposure visit", "অভিজ্ঞতা বিনিময় সফর"],
    ["replication", "রেপ্লিকেশন", "অনুসরণ"],
    ["sanitation", "স্যানিটেশন"],
    ["tube well", "tubewell", "নলকূপ"],
    ["birth registration", "জন্ম নিবন্ধন"],
    ["holding tax", "হোল্ডিং ট্যাক্স", "বসতবাড়ি কর"],
    ["open budget", "উন্মুক্ত বাজেট"],
    ["women's forum", "মহিলা ফোরাম"],
    ["ADP", "annual development plan", "বার্ষিক উন্নয়ন পরিকল্পনা"],
]


def seed(apps, schema_editor):
    GlossaryEntry = apps.get_model("portal_search", "GlossaryEntry")
    if GlossaryEntry.objects.exists():
        return
    GlossaryEntry.objects.bulk_create(GlossaryEntry(terms="\n".join(group)) for group in GROUPS)


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0002_full_text")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

"""More of the field's vocabulary for the glossary: the local-government terms, acronyms and
synonyms programme staff use, in Bangla and English, across every theme of the portal.

Groups are added only where no group already holds the same first term, so a database whose
curators edited the glossary keeps their work; NILG's curators edit all of it in the admin.
"""

from django.db import migrations

GROUPS = [
    # Kinds of document and the programme's own words.
    ["প্রজ্ঞাপন", "পরিপত্র", "circular", "government order", "সরকারি আদেশ"],
    ["উত্তম চর্চা", "উত্তম অনুশীলন", "ভালো শিখন", "good practice"],
    ["সেমিনার", "seminar", "কর্মশালা", "workshop"],
    ["policy", "নীতি", "নীতিমালা"],
    ["guideline", "নির্দেশিকা", "গাইডলাইন"],
    ["minutes", "কার্যবিবরণী", "রেজুলেশন"],
    ["decision", "সিদ্ধান্ত"],
    ["budget", "বাজেট", "বরাদ্দ"],
    ["fiscal year", "অর্থবছর", "অর্থ বছর", "FY"],
    # Governance and planning.
    ["ward shava", "ward sabha", "ওয়ার্ড সভা", "ward meeting"],
    ["standing committee", "স্থায়ী কমিটি"],
    ["union parishad chairman", "UP chairman", "ইউপি চেয়ারম্যান", "চেয়ারম্যান"],
    ["union parishad member", "UP member", "ইউপি সদস্য", "মেম্বার"],
    ["UP secretary", "ইউপি সচিব", "সচিব"],
    ["UNO", "Upazila Nirbahi Officer", "উপজেলা নির্বাহী অফিসার", "ইউএনও"],
    ["DDLG", "Deputy Director Local Government", "উপপরিচালক স্থানীয় সরকার"],
    ["upazila parishad", "উপজেলা পরিষদ"],
    ["zila parishad", "district council", "জেলা পরিষদ"],
    ["LGSP", "Local Governance Support Project", "স্থানীয় সরকার সহায়তা প্রকল্প", "এলজিএসপি"],
    ["LGED", "Local Government Engineering Department", "স্থানীয় সরকার প্রকৌশল অধিদপ্তর", "এলজিইডি"],
    ["five year plan", "পঞ্চবার্ষিক পরিকল্পনা"],
    ["citizen charter", "নাগরিক সনদ"],
    ["right to information", "RTI", "তথ্য অধিকার", "তথ্য অধিকার আইন"],
    ["accountability", "জবাবদিহিতা", "জবাবদিহি"],
    ["transparency", "স্বচ্ছতা"],
    ["participation", "অংশগ্রহণ", "জনঅংশগ্রহণ"],
    ["planning", "পরিকল্পনা"],
    ["digital centre", "UDC", "Union Digital Center", "ইউনিয়ন ডিজিটাল সেন্টার", "ইউডিসি"],
    ["e-governance", "ই-গভর্নেন্স", "ডিজিটাল সেবা"],
    ["village court", "গ্রাম আদালত"],
    ["arbitration", "সালিশ", "সালিশি"],
    ["notice board", "নোটিশ বোর্ড"],
    ["complaint box", "অভিযোগ বাক্স"],
    ["grievance redress", "GRS", "অভিযোগ প্রতিকার"],
    ["NGO", "non-government organisation", "বেসরকারি সংস্থা", "এনজিও"],
    ["development partner", "donor", "উন্নয়ন সহযোগী", "দাতা সংস্থা"],
    # Revenue.
    ["tax", "কর", "ট্যাক্স"],
    ["tax assessment", "কর নির্ধারণ", "কর মূল্যায়ন", "এসেসমেন্ট"],
    ["revenue", "রাজস্ব", "আয়", "own source revenue"],
    ["trade licence", "trade license", "ট্রেড লাইসেন্স"],
    ["hat bazar", "haat", "হাট বাজার", "হাট-বাজার", "market lease", "ইজারা"],
    ["fee", "ফি"],
    # Water and sanitation.
    ["WASH", "water sanitation and hygiene", "পানি স্যানিটেশন ও হাইজিন", "ওয়াশ"],
    ["drinking water", "safe water", "খাবার পানি", "নিরাপদ পানি", "সুপেয় পানি"],
    ["latrine", "toilet", "ল্যাট্রিন", "পায়খানা", "শৌচাগার"],
    ["hygiene", "হাইজিন", "স্বাস্থ্যবিধি", "পরিচ্ছন্নতা"],
    ["hand washing", "handwashing", "হাত ধোয়া"],
    ["open defecation", "খোলা জায়গায় মলত্যাগ"],
    ["waste management", "বর্জ্য ব্যবস্থাপনা", "ময়লা ব্যবস্থাপনা"],
    ["DPHE", "Department of Public Health Engineering", "জনস্বাস্থ্য প্রকৌশল অধিদপ্তর", "ডিপিএইচই"],
    ["arsenic free", "arsenic-safe", "আর্সেনিকমুক্ত"],
    ["pond sand filter", "PSF", "পুকুর বালি ফিল্টার", "পিএসএফ"],
    ["rainwater harvesting", "বৃষ্টির পানি সংরক্ষণ"],
    ["compost", "কম্পোস্ট", "জৈব সার"],
    # Social protection.
    ["social safety net", "social protection", "সামাজিক নিরাপত্তা", "সামাজিক নিরাপত্তা বেষ্টনী"],
    ["VGD", "Vulnerable Group Development", "ভিজিডি", "ভালনারেবল গ্রুপ ডেভেলপমেন্ট"],
    ["VGF", "Vulnerable Group Feeding", "ভিজিএফ"],
    ["old age allowance", "বয়স্ক ভাতা", "বয়স্কভাতা"],
    ["widow allowance", "বিধবা ভাতা", "স্বামী নিগৃহীতা ভাতা", "বিধবা ও স্বামী নিগৃহীতা মহিলা ভাতা"],
    ["disability allowance", "প্রতিবন্ধী ভাতা"],
    ["maternity allowance", "মাতৃত্বকালীন ভাতা", "মা ও শিশু সহায়তা", "lactating mother allowance"],
    ["allowance", "ভাতা"],
    ["beneficiary", "উপকারভোগী", "ভাতাভোগী", "সুবিধাভোগী"],
    ["EGPP", "employment generation programme for the poorest", "কর্মসৃজন কর্মসূচি", "৪০ দিনের কর্মসূচি"],
    ["TR", "test relief", "টেস্ট রিলিফ", "টিআর"],
    ["KABIKHA", "food for work", "কাবিখা", "কাজের বিনিময়ে খাদ্য"],
    ["KABITA", "cash for work", "কাবিটা", "কাজের বিনিময়ে টাকা"],
    ["poor", "poverty", "দরিদ্র", "দারিদ্র্য", "হতদরিদ্র", "extreme poor"],
    # Health and nutrition.
    ["community clinic", "কমিউনিটি ক্লিনিক"],
    ["health", "স্বাস্থ্য", "স্বাস্থ্যসেবা", "healthcare"],
    ["immunisation", "immunization", "vaccination", "টিকা", "টিকাদান", "ইপিআই", "EPI"],
    ["nutrition", "পুষ্টি"],
    ["pregnant women", "গর্ভবতী মা", "গর্ভবতী নারী", "প্রসূতি"],
    ["family planning", "পরিবার পরিকল্পনা"],
    ["dengue", "ডেঙ্গু"],
    # Education.
    ["education", "শিক্ষা"],
    ["primary school", "প্রাথমিক বিদ্যালয়", "প্রাইমারি স্কুল"],
    ["stipend", "উপবৃত্তি"],
    ["school dropout", "ঝরে পড়া", "ঝরে পড়া শিক্ষার্থী"],
    ["SMC", "school management committee", "বিদ্যালয় ব্যবস্থাপনা কমিটি"],
    ["mid-day meal", "school feeding", "মিড ডে মিল", "দুপুরের খাবার"],
    # Disaster.
    ["disaster", "দুর্যোগ"],
    ["DMC", "disaster management committee", "দুর্যোগ ব্যবস্থাপনা কমিটি"],
    ["cyclone shelter", "ঘূর্ণিঝড় আশ্রয়কেন্দ্র", "আশ্রয়কেন্দ্র"],
    ["cyclone", "ঘূর্ণিঝড়", "সাইক্লোন"],
    ["flood", "বন্যা"],
    ["early warning", "আগাম সতর্কবার্তা", "পূর্বাভাস"],
    ["climate change", "জলবায়ু পরিবর্তন"],
    ["volunteer", "স্বেচ্ছাসেবক", "স্বেচ্ছাসেবী"],
    # Inclusion.
    ["women", "woman", "নারী", "মহিলা"],
    ["gender", "জেন্ডার", "নারী-পুরুষ সমতা"],
    ["child marriage", "বাল্যবিবাহ", "বাল্য বিবাহ"],
    ["violence against women", "নারী নির্যাতন"],
    ["persons with disabilities", "PWD", "প্রতিবন্ধী ব্যক্তি"],
    ["ethnic minority", "indigenous", "ক্ষুদ্র নৃগোষ্ঠী", "আদিবাসী"],
    ["youth", "যুব", "তরুণ"],
    ["children", "child", "শিশু"],
    # Agriculture and livelihoods.
    ["agriculture", "কৃষি"],
    ["farmer", "কৃষক"],
    ["livelihood", "জীবিকা", "আয়বর্ধক"],
    ["tree plantation", "বৃক্ষরোপণ", "বনায়ন"],
    # Registration and certificates.
    ["death registration", "মৃত্যু নিবন্ধন"],
    ["certificate", "সনদ", "সনদপত্র", "প্রত্যয়নপত্র"],
    ["national identity card", "NID", "জাতীয় পরিচয়পত্র", "এনআইডি"],
    # Infrastructure.
    ["road", "রাস্তা", "সড়ক"],
    ["culvert", "কালভার্ট"],
    ["bridge", "সেতু", "ব্রিজ"],
]


def seed(apps, schema_editor):
    GlossaryEntry = apps.get_model("portal_search", "GlossaryEntry")
    present = {
        entry.terms.splitlines()[0].strip().casefold()
        for entry in GlossaryEntry.objects.all()
        if entry.terms.strip()
    }
    GlossaryEntry.objects.bulk_create(
        GlossaryEntry(terms="\n".join(group))
        for group in GROUPS
        if group[0].casefold() not in present
    )


def unseed(apps, schema_editor):
    GlossaryEntry = apps.get_model("portal_search", "GlossaryEntry")
    for entry in GlossaryEntry.objects.all():
        if entry.terms.splitlines() in GROUPS:
            entry.delete()


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0005_wagtail_bangla_fts")]

    operations = [migrations.RunPython(seed, unseed)]

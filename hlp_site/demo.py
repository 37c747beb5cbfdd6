"""Demo content of the home page: its texts in both languages."""

from .models import HomePage

INTRO_BN = (
    "<p>পারস্পরিক শিখন কর্মসূচি (এইচএলপি) স্থানীয় সরকার বিভাগের উদ্যোগে জাতীয় স্থানীয় সরকার "
    "ইনস্টিটিউট (এনআইএলজি) কর্তৃক বাস্তবায়িত একটি সমসাথী শিখন কার্যক্রম। ইউনিয়ন পরিষদ ও পৌরসভা "
    "নন্দিত অনুসন্ধানের মাধ্যমে নিজেদের ভালো শিখন খুঁজে বের করে এবং নিজস্ব বাজেটে একে অপরের "
    "ভালো শিখন পুনর্বাস্তবায়ন করে।</p><p><em>এই পোর্টালের তথ্য প্রদর্শনের জন্য তৈরি নমুনা তথ্য।"
    "</em></p>"
)
INTRO_EN = (
    "<p>The Horizontal Learning Program (HLP) is a peer-learning programme of the Local "
    "Government Division, implemented by the National Institute of Local Government (NILG). "
    "Union parishads and pourashavas find their own good practices through Appreciative Inquiry "
    "and replicate each other's from their own budgets.</p>"
    "<p><em>The figures on this portal are demo data.</em></p>"
)


def load():
    home = HomePage.objects.first()
    if home is not None and (home.intro_bn != INTRO_BN or home.title != "প্রথম পাতা"):
        home.title = "প্রথম পাতা"
        home.intro_bn = INTRO_BN
        home.intro_en = INTRO_EN
        home.save_revision().publish()
    return "home page"

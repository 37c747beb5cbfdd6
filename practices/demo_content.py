"""The words of the demo catalogue: themes, the practices named in HLP's public material, the
four circulars of seed 000, and the shapes the generated practices take. Figures live in
`demo.py`, which derives them from a seeded random generator."""

THEMES = [
    ("governance-udcc", "সুশাসন ও ইউডিসিসি", "Governance and UDCC"),
    ("disability-inclusion", "প্রতিবন্ধী অন্তর্ভুক্তি", "Disability inclusion"),
    ("water-arsenic", "পানি ও আর্সেনিক", "Water and arsenic"),
    ("sanitation", "স্যানিটেশন", "Sanitation"),
    ("education", "শিক্ষা", "Education"),
    ("health", "স্বাস্থ্য", "Health"),
    ("agriculture", "কৃষি", "Agriculture"),
    ("revenue", "রাজস্ব আহরণ", "Revenue mobilisation"),
    ("disaster-risk-reduction", "দুর্যোগ ঝুঁকি হ্রাস", "Disaster risk reduction"),
    ("womens-empowerment", "নারীর ক্ষমতায়ন", "Women's empowerment"),
    ("social-protection", "সামাজিক সুরক্ষা", "Social protection"),
]

# The 33 districts of the next phase are not listed in public; these are districts where HLP
# worked, by BBS code.
HLP_DISTRICTS = [
    "BD2019", "BD2075", "BD2051", "BD2022", "BD5088", "BD5076", "BD5010", "BD5081", "BD5069",
    "BD5070", "BD5064", "BD4041", "BD4087", "BD4055", "BD4047", "BD4001", "BD4044", "BD4065",
    "BD4050", "BD1078", "BD1006", "BD1009", "BD6058", "BD6036", "BD6090", "BD3093", "BD3048",
    "BD3029", "BD5549", "BD5532", "BD5585", "BD5552", "BD4561",
]  # fmt: skip

# Practices seen in public material. `target` is the number of LGIs that completed a
# replication in the demo (the reported figure where one was reported); `lgi` the origin.
NAMED = [
    {
        "slug": "open-budget-holding-tax-tarash",
        "title_bn": "উন্মুক্ত বাজেট ও হোল্ডিং ট্যাক্স আদায়",
        "title_en": "Open budget linked to holding tax",
        "summary_bn": "তাড়াশ সদর ইউনিয়ন পরিষদ উন্মুক্ত সভায় বাজেট ঘোষণা করে এবং কোন ওয়ার্ডে কত "
        "কর আদায় হলো তার সঙ্গে সেই ওয়ার্ডের উন্নয়ন বরাদ্দ যুক্ত করে। নাগরিকরা কর দিয়ে কাজ দেখতে "
        "পান, তাই নিজস্ব আয় কয়েক গুণ বেড়েছে।",
        "summary_en": "Tarash Sadar union parishad announces its budget at an open meeting and "
        "links each ward's development allocation to the holding tax collected there; own-source "
        "revenue rose up to ten-fold.",
        "theme": "revenue",
        "lgi": "UN1017",
        "year": 2008,
        "target": 92,
        "tags": ["উন্মুক্ত বাজেট", "হোল্ডিং ট্যাক্স", "নিজস্ব আয়"],
    },
    {
        "slug": "arsenic-screening-chowgacha",
        "title_bn": "সকল পানির উৎসের আর্সেনিক পরীক্ষা",
        "title_en": "Arsenic screening of all water sources",
        "summary_bn": "চৌগাছা ইউনিয়ন পরিষদ প্রতিটি নলকূপের পানি পরীক্ষা করে লাল-সবুজ চিহ্ন দেয় "
        "এবং নিরাপদ উৎসের মানচিত্র ওয়ার্ড সভায় টাঙিয়ে দেয়। চাঁপাইনবাবগঞ্জে পুনর্বাস্তবায়নে শতভাগ "
        "উৎস পরীক্ষা করা হয়েছে।",
        "summary_en": "Chougachha union parishad tests every tube-well, marks it red or green and "
        "posts a map of safe sources at ward meetings; replicated in Chapai Nawabganj, where "
        "every source was screened.",
        "theme": "water-arsenic",
        "lgi": "UN1547",
        "year": 2009,
        "target": 64,
        "tags": ["আর্সেনিক", "নলকূপ", "নিরাপদ পানি"],
        "replicate_in": ["BD5070"],
    },
    {
        "slug": "total-sanitation-sreepur",
        "title_bn": "শতভাগ স্যানিটেশন",
        "title_en": "100% sanitation",
        "summary_bn": "শ্রীপুর ইউনিয়ন পরিষদ ওয়ার্ডভিত্তিক জরিপ করে প্রতিটি পরিবারের স্বাস্থ্যসম্মত "
        "ল্যাটিন নিশ্চিত করে; দরিদ্র পরিবারের জন্য এডিপি থেকে রিং-স্ল্যাব দেয়।",
        "summary_en": "Sreepur union parishad surveys every ward and makes sure each household "
        "has a hygienic latrine, giving ring-slabs to poor households from its development budget.",
        "theme": "sanitation",
        "lgi": "UN1853",
        "year": 2007,
        "target": 85,
        "tags": ["ল্যাট্রিন", "উন্মুক্ত মলত্যাগমুক্ত"],
    },
    {
        "slug": "full-school-enrolment-rajarhat",
        "title_bn": "বিদ্যালয়ে শতভাগ ভর্তি",
        "title_en": "100% enrolment in schools",
        "summary_bn": "রাজারহাট ইউনিয়ন পরিষদ বাড়ি বাড়ি গিয়ে বিদ্যালয়ের বাইরে থাকা শিশুদের তালিকা "
        "করে এবং বিদ্যালয় ব্যবস্থাপনা কমিটির সঙ্গে মিলে প্রত্যেককে ভর্তি করায়।",
        "summary_en": "Rajarhat union parishad lists every out-of-school child door to door and, "
        "with school managing committees, enrols each one.",
        "theme": "education",
        "lgi": "UN4156",
        "year": 2010,
        "target": 58,
        "tags": ["বিদ্যালয়", "ভর্তি"],
    },
    {
        "slug": "womens-forum-tarash",
        "title_bn": "নারী সদস্যদের মহিলা ফোরাম",
        "title_en": "Women's forum of elected women members",
        "summary_bn": "তাড়াশের নির্বাচিত নারী সদস্যরা মহিলা ফোরাম গড়ে তুলে ভিজিডি ও রেশন কার্ড "
        "বিতরণের তালিকা যাচাই করেন; প্রকৃত দুস্থ নারীরা কার্ড পাচ্ছেন।",
        "summary_en": "Elected women members in Tarash formed a women's forum that checks VGD and "
        "ration-card lists, so cards reach the women who need them.",
        "theme": "womens-empowerment",
        "lgi": "UN1015",
        "year": 2009,
        "target": 55,
        "tags": ["মহিলা ফোরাম", "রেশন কার্ড"],
    },
    {
        "slug": "child-to-child-hygiene-sreepur",
        "title_bn": "শিশু থেকে শিশু স্বাস্থ্যবিধি শিক্ষা",
        "title_en": "Child-to-child hygiene behaviour change",
        "summary_bn": "শ্রীপুরের ৮৩টি বিদ্যালয়ে শিক্ষার্থীরা হাত ধোয়া ও ল্যাট্রিন ব্যবহারের বার্তা "
        "নিজের পরিবার ও প্রতিবেশীর কাছে পৌঁছে দেয়।",
        "summary_en": "Pupils of 83 schools in Sreepur carry handwashing and latrine-use messages "
        "to their families and neighbours.",
        "theme": "sanitation",
        "lgi": "UN1849",
        "year": 2011,
        "target": 60,
        "tags": ["হাত ধোয়া", "বিদ্যালয়"],
    },
    {
        "slug": "birth-registration-drive",
        "title_bn": "জন্ম নিবন্ধন অভিযান",
        "title_en": "Birth registration drive",
        "summary_bn": "ইউনিয়ন পরিষদ গ্রাম পুলিশ ও স্বাস্থ্যকর্মীদের সহায়তায় নবজাতকের তালিকা করে "
        "৪৫ দিনের মধ্যে জন্ম নিবন্ধন নিশ্চিত করে।",
        "summary_en": "The union parishad lists newborns with village police and health workers "
        "and registers every birth within 45 days.",
        "theme": "governance-udcc",
        "lgi": "UN2595",
        "year": 2010,
        "target": 70,
        "tags": ["জন্ম নিবন্ধন"],
    },
    {
        "slug": "tax-payment-drive",
        "title_bn": "কর প্রদান অভিযান",
        "title_en": "Tax payment drive",
        "summary_bn": "কর মেলা, মাইকিং ও ওয়ার্ডভিত্তিক লক্ষ্যমাত্রা দিয়ে ইউনিয়ন পরিষদ এক মাসে "
        "বছরের অধিকাংশ হোল্ডিং ট্যাক্স আদায় করে।",
        "summary_en": "With tax fairs, announcements and ward targets, the union parishad collects "
        "most of the year's holding tax in one month.",
        "theme": "revenue",
        "lgi": "UN1548",
        "year": 2012,
        "target": 66,
        "tags": ["হোল্ডিং ট্যাক্স", "কর মেলা"],
    },
    {
        "slug": "disaster-resilient-latrine",
        "title_bn": "দুর্যোগ সহনশীল ল্যাট্রিন",
        "title_en": "Disaster-resilient latrine",
        "summary_bn": "ঘূর্ণিঝড় আইলার পর গাবুরা ইউনিয়নে উঁচু ভিটে ও পাকা বেষ্টনীর ল্যাট্রিন তৈরি "
        "হয়, যা জলোচ্ছ্বাসেও ব্যবহারযোগ্য থাকে (ওয়াটারএইড ও সুশীলনের সহায়তায়)।",
        "summary_en": "After cyclone Aila, Gabura union built raised latrines that stay usable "
        "in tidal surges (with WaterAid and Shushilan).",
        "theme": "disaster-risk-reduction",
        "lgi": "UN1657",
        "year": 2010,
        "target": 38,
        "tags": ["আইলা", "ল্যাট্রিন", "উপকূল"],
    },
    {
        "slug": "eco-friendly-village",
        "title_bn": "পরিবেশবান্ধব গ্রাম",
        "title_en": "Eco-friendly village",
        "summary_bn": "গ্রামবাসী বৃক্ষরোপণ, জৈব সার ও উন্নত চুলা ব্যবহার করে একটি করে আদর্শ "
        "পরিবেশবান্ধব গ্রাম গড়ে তোলে।",
        "summary_en": "Villagers plant trees, use compost and improved stoves to build one model "
        "eco-friendly village at a time.",
        "theme": "agriculture",
        "lgi": "UN1655",
        "year": 2013,
        "target": 21,
        "tags": ["পরিবেশ", "বৃক্ষরোপণ"],
    },
    {
        "slug": "pay-for-use-water-points",
        "title_bn": "অর্থের বিনিময়ে পানির উৎস ব্যবহার",
        "title_en": "Pay-for-use water points",
        "summary_bn": "ব্যবহারকারী কমিটি মাসিক সামান্য চাঁদা তুলে নলকূপ ও পিএসএফ মেরামতের তহবিল "
        "রাখে, ফলে উৎস অকেজো পড়ে থাকে না।",
        "summary_en": "User committees collect a small monthly fee for repairs, so water points "
        "no longer stand broken.",
        "theme": "water-arsenic",
        "lgi": "UN1650",
        "year": 2012,
        "target": 45,
        "tags": ["নলকূপ", "ব্যবহারকারী কমিটি"],
    },
    {
        "slug": "bamboo-t-perching-kalapur",
        "title_bn": "বাঁশের ‘টি’ পার্চিং দিয়ে পোকা দমন",
        "title_en": "Bamboo “T” perching for pest control",
        "summary_bn": "কালাপুরের কৃষকেরা ধানক্ষেতে বাঁশের ‘টি’ আকৃতির খুঁটি পুঁতে পাখি বসার জায়গা "
        "করে দেন; পাখি পোকা খায়, কীটনাশক কম লাগে।",
        "summary_en": "Farmers in Kalapur plant T-shaped bamboo perches in paddy fields; birds "
        "eat the pests and less pesticide is needed.",
        "theme": "agriculture",
        "lgi": "UN2597",
        "year": 2014,
        "target": 12,
        "tags": ["কৃষি", "পার্চিং", "কীটনাশক"],
    },
]

# The practices behind the four circulars of seed 000 (ক–ঘ), and the circulars themselves.
# Their memo numbers and dates were not found in public sources: the values are demo values.
CIRCULAR_PRACTICES = [
    {
        "slug": "union-development-coordination-committee",
        "title_bn": "ইউনিয়ন উন্নয়ন সমন্বয় কমিটি (ইউডিসিসি)",
        "title_en": "Union Development Coordination Committee (UDCC)",
        "summary_bn": "ইউনিয়নে কাজ করা সরকারি দপ্তর ও এনজিও প্রতি মাসে ইউনিয়ন পরিষদের সভাপতিত্বে "
        "এক টেবিলে বসে পরিকল্পনা ও অগ্রগতি মিলিয়ে নেয়; দ্বৈত কাজ কমে, সেবা পৌঁছায় সবার কাছে।",
        "summary_en": "Every month the government offices and NGOs working in a union meet under "
        "the union parishad chair to align plans and progress.",
        "theme": "governance-udcc",
        "lgi": "UN1",
        "year": 2008,
        "target": 118,
        "tags": ["ইউডিসিসি", "সমন্বয়"],
        "circular": {
            "slug": "udcc-circular",
            "title_bn": "ইউনিয়ন উন্নয়ন সমন্বয় কমিটি (ইউডিসিসি) গঠন ও কার্যপরিধি",
            "title_en": "Formation and terms of reference of the Union Development Coordination "
            "Committee (UDCC)",
            "memo": "46.00.0000.063.27.001.12",
            "date": (2012, 9, 16),
            "summary_bn": "প্রতিটি ইউনিয়ন পরিষদে চেয়ারম্যানের সভাপতিত্বে ইউডিসিসি গঠন, মাসিক সভা এবং "
            "ইউনিয়নে কর্মরত সকল দপ্তর ও সংস্থার পরিকল্পনা সমন্বয়ের নির্দেশনা।",
            "summary_en": "Every union parishad forms a UDCC chaired by its chair, meets monthly "
            "and coordinates the plans of all offices and agencies working in the union.",
        },
    },
    {
        "slug": "disability-friendly-union-parishad",
        "title_bn": "প্রতিবন্ধী বান্ধব ইউনিয়ন পরিষদ",
        "title_en": "Disability-friendly union parishad",
        "summary_bn": "ইউনিয়ন পরিষদ প্রতিবন্ধী ব্যক্তিদের তালিকা করে, ভবনে র‍্যাম্প ও সহজগম্য "
        "শৌচাগার করে এবং বার্ষিক বাজেটে প্রতিবন্ধী ব্যক্তিদের জন্য নির্দিষ্ট বরাদ্দ রাখে।",
        "summary_en": "The union parishad lists persons with disabilities, builds ramps and "
        "accessible toilets and sets aside a share of its annual budget for them.",
        "theme": "disability-inclusion",
        "lgi": "UN1851",
        "year": 2011,
        "target": 76,
        "tags": ["প্রতিবন্ধিতা", "সহজগম্যতা"],
        "circular": {
            "slug": "disability-friendly-union-parishad-circular",
            "title_bn": "প্রতিবন্ধী বান্ধব ইউনিয়ন পরিষদ গড়ে তোলা",
            "title_en": "Making union parishads disability-friendly",
            "memo": "46.00.0000.063.27.014.15",
            "date": (2015, 12, 3),
            "summary_bn": "ইউনিয়ন পরিষদ ভবন ও সেবাকে প্রতিবন্ধী ব্যক্তিদের জন্য সহজগম্য করা, "
            "স্থায়ী কমিটিতে প্রতিবন্ধী প্রতিনিধি রাখা এবং বাজেটে বরাদ্দ নিশ্চিত করার নির্দেশনা।",
            "summary_en": "Union parishads make their buildings and services accessible, include "
            "persons with disabilities in standing committees and budget for them.",
        },
    },
    {
        "slug": "disability-friendly-pourashava",
        "title_bn": "প্রতিবন্ধী বান্ধব পৌরসভা",
        "title_en": "Disability-friendly pourashava",
        "summary_bn": "পৌরসভা ফুটপাত, ভবন ও সেবাকেন্দ্রকে প্রতিবন্ধী ব্যক্তিদের জন্য সহজগম্য করে "
        "এবং ওয়ার্ড কমিটিতে তাঁদের প্রতিনিধিত্ব নিশ্চিত করে।",
        "summary_en": "The pourashava makes footpaths, buildings and service points accessible "
        "and gives persons with disabilities a seat on ward committees.",
        "theme": "disability-inclusion",
        "lgi": "pourashava",
        "year": 2013,
        "target": 52,
        "tags": ["প্রতিবন্ধিতা", "পৌরসভা"],
        "circular": {
            "slug": "disability-friendly-pourashava-circular",
            "title_bn": "প্রতিবন্ধী বান্ধব পৌরসভা গড়ে তোলা",
            "title_en": "Making pourashavas disability-friendly",
            "memo": "46.00.0000.070.18.022.17",
            "date": (2017, 4, 20),
            "summary_bn": "পৌরসভার অবকাঠামো ও সেবা প্রতিবন্ধী ব্যক্তিদের জন্য সহজগম্য করা এবং ওয়ার্ড "
            "পর্যায়ের কমিটিতে তাঁদের অন্তর্ভুক্তির নির্দেশনা।",
            "summary_en": "Pourashavas make their infrastructure and services accessible and "
            "include persons with disabilities in ward-level committees.",
        },
    },
    {
        "slug": "arsenic-mitigation-implementation-plan",
        "title_bn": "আর্সেনিক দূরীকরণে ইউনিয়ন বাস্তবায়ন পরিকল্পনা",
        "title_en": "Union implementation plan for arsenic mitigation",
        "summary_bn": "আর্সেনিক পরীক্ষার ফল ধরে ইউনিয়ন পরিষদ ওয়ার্ডভিত্তিক নিরাপদ পানির পরিকল্পনা "
        "করে, বাজেটে বরাদ্দ রাখে এবং অগ্রগতি উন্মুক্ত সভায় জানায়।",
        "summary_en": "From arsenic test results the union parishad plans safe water ward by "
        "ward, budgets for it and reports progress at open meetings.",
        "theme": "water-arsenic",
        "lgi": "UN1549",
        "year": 2010,
        "target": 61,
        "tags": ["আর্সেনিক", "পরিকল্পনা"],
        "circular": {
            "slug": "arsenic-mitigation-circular",
            "title_bn": "আর্সেনিক দূরীকরণে বাস্তবায়ন পরিকল্পনা",
            "title_en": "Implementation plan for arsenic mitigation",
            "memo": "46.00.0000.085.31.007.18",
            "date": (2018, 6, 11),
            "summary_bn": "আর্সেনিকপ্রবণ ইউনিয়নসমূহে সকল পানির উৎস পরীক্ষা, নিরাপদ উৎসের মানচিত্র "
            "এবং বার্ষিক উন্নয়ন পরিকল্পনায় নিরাপদ পানির বরাদ্দ রাখার নির্দেশনা।",
            "summary_en": "Arsenic-prone unions test every water source, map safe sources and "
            "budget for safe water in their annual development plans.",
        },
    },
]

CIRCULAR_AUTHORITY = "স্থানীয় সরকার বিভাগ, স্থানীয় সরকার, পল্লী উন্নয়ন ও সমবায় মন্ত্রণালয়"
ARSENIC_SCREENING = "arsenic-screening-chowgacha"

# (theme, Bangla, English, what it does) — the shapes of the generated practices.
GENERIC = [
    ("governance-udcc", "ওয়ার্ড সভায় উন্মুক্ত পরিকল্পনা", "Open ward meetings for planning",
     "ওয়ার্ড সভায় নাগরিকেরা নিজেরাই প্রকল্প বাছাই করেন"),
    ("governance-udcc", "নাগরিক সনদ প্রদর্শন", "Citizen charter on display",
     "সেবার মূল্য ও সময়সীমা পরিষদ ভবনে টাঙিয়ে রাখা হয়"),
    ("governance-udcc", "স্থায়ী কমিটি সক্রিয়করণ", "Activating standing committees",
     "পরিষদের ১৩টি স্থায়ী কমিটি নিয়মিত সভা করে সুপারিশ দেয়"),
    ("governance-udcc", "তথ্য অধিকার ডেস্ক", "Right-to-information desk",
     "একজন দায়িত্বপ্রাপ্ত কর্মকর্তা নাগরিকের তথ্য-আবেদন গ্রহণ করেন"),
    ("revenue", "কর মেলা", "Tax fair", "বছরে একবার কর মেলায় এক জায়গায় কর জমা ও রসিদ দেওয়া হয়"),
    ("revenue", "হোল্ডিং ট্যাক্স পুনর্মূল্যায়ন", "Holding tax reassessment",
     "পাঁচ বছর পর পর সকল খানার কর নতুন করে নির্ধারণ করা হয়"),
    ("revenue", "হাট-বাজার ইজারার স্বচ্ছ ব্যবস্থাপনা", "Transparent market leasing",
     "হাট-বাজার ইজারা উন্মুক্ত দরপত্রে দেওয়া হয় এবং আয় প্রকাশ করা হয়"),
    ("disability-inclusion", "প্রতিবন্ধী ব্যক্তিদের জরিপ ও তথ্যভান্ডার",
     "Survey and database of persons with disabilities",
     "ওয়ার্ডভিত্তিক জরিপে প্রতিবন্ধী ব্যক্তিদের তালিকা করা হয়"),
    ("disability-inclusion", "প্রতিবন্ধী শিশুদের বিদ্যালয়ে অন্তর্ভুক্তি",
     "Children with disabilities in school",
     "প্রতিবন্ধী শিশুদের বিদ্যালয়ে ভর্তি ও যাতায়াতের ব্যবস্থা করা হয়"),
    ("disability-inclusion", "সহায়ক উপকরণ বিতরণ", "Assistive devices",
     "হুইলচেয়ার, ক্রাচ ও শ্রবণযন্ত্র বাজেট থেকে দেওয়া হয়"),
    ("water-arsenic", "নলকূপের পানির গুণাগুণ পরীক্ষা", "Testing tube-well water",
     "বছরে একবার সকল নলকূপের পানি মাঠ-কিটে পরীক্ষা করা হয়"),
    ("water-arsenic", "পুকুর বালি ফিল্টার", "Pond sand filters",
     "লবণাক্ত এলাকায় পুকুরের পানি বালি ফিল্টারে পানযোগ্য করা হয়"),
    ("water-arsenic", "বৃষ্টির পানি সংরক্ষণ", "Rainwater harvesting",
     "বর্ষায় ট্যাংকে বৃষ্টির পানি ধরে শুষ্ক মৌসুমে ব্যবহার করা হয়"),
    ("sanitation", "উন্মুক্ত মলত্যাগমুক্ত গ্রাম", "Open-defecation-free villages",
     "গ্রামবাসী নিজেরাই উন্মুক্ত মলত্যাগ বন্ধের অঙ্গীকার করে"),
    ("sanitation", "বিদ্যালয়ে ছাত্রীদের পৃথক শৌচাগার", "Separate school toilets for girls",
     "প্রতিটি বিদ্যালয়ে ছাত্রীদের জন্য পানিসহ পৃথক শৌচাগার করা হয়"),
    ("sanitation", "কঠিন বর্জ্য ব্যবস্থাপনা", "Solid waste management",
     "বাজারের বর্জ্য নির্দিষ্ট স্থানে জমিয়ে জৈব সার বানানো হয়"),
    ("education", "ঝরে পড়া রোধ", "Preventing school drop-out",
     "অনুপস্থিত শিশুর বাড়িতে শিক্ষক ও ইউপি সদস্য যান"),
    ("education", "মা সমাবেশ", "Mothers' gatherings",
     "প্রতি মাসে বিদ্যালয়ে মায়েদের সঙ্গে শিক্ষকেরা শিশুর অগ্রগতি আলোচনা করেন"),
    ("education", "বিদ্যালয়ে মধ্যাহ্ন ভোজ", "School midday meals",
     "অভিভাবক ও পরিষদ মিলে শিশুদের দুপুরের খাবারের ব্যবস্থা করে"),
    ("health", "কমিউনিটি ক্লিনিক সহায়তা দল", "Community clinic support groups",
     "স্থানীয় সহায়তা দল ক্লিনিকের ওষুধ ও পরিচ্ছন্নতা দেখভাল করে"),
    ("health", "শতভাগ টিকাদান", "Full immunisation",
     "ওয়ার্ডভিত্তিক তালিকা ধরে প্রতিটি শিশুর টিকা নিশ্চিত করা হয়"),
    ("health", "নিরাপদ মাতৃত্ব", "Safe motherhood",
     "গর্ভবতী নারীর তালিকা করে প্রসব-পূর্ব সেবা ও যাতায়াতের ব্যবস্থা করা হয়"),
    ("agriculture", "কৃষক মাঠ স্কুল", "Farmer field schools",
     "কৃষকেরা মাঠে হাতে-কলমে নতুন চাষ পদ্ধতি শেখেন"),
    ("agriculture", "কেঁচো সার উৎপাদন", "Vermicompost",
     "নারী উদ্যোক্তারা কেঁচো সার বানিয়ে বিক্রি করেন"),
    ("agriculture", "বসতবাড়িতে সবজি চাষ", "Homestead vegetable gardens",
     "দরিদ্র পরিবারকে বীজ ও প্রশিক্ষণ দিয়ে বাড়ির আঙিনায় সবজি চাষ করানো হয়"),
    ("disaster-risk-reduction", "দুর্যোগ ব্যবস্থাপনা কমিটি সক্রিয়করণ",
     "Activating the disaster management committee",
     "কমিটি দুর্যোগের আগে ঝুঁকির মানচিত্র ও স্বেচ্ছাসেবক তালিকা হালনাগাদ করে"),
    ("disaster-risk-reduction", "আশ্রয়কেন্দ্র ব্যবস্থাপনা", "Cyclone shelter management",
     "আশ্রয়কেন্দ্রে নারী, শিশু ও প্রতিবন্ধীদের জন্য আলাদা ব্যবস্থা রাখা হয়"),
    ("disaster-risk-reduction", "আগাম সতর্কবার্তা প্রচার", "Early warning",
     "স্বেচ্ছাসেবকেরা মাইক ও পতাকায় আগাম সতর্কবার্তা ঘরে ঘরে পৌঁছান"),
    ("womens-empowerment", "বাল্যবিবাহমুক্ত ইউনিয়ন", "Child-marriage-free union",
     "কাজী, ইমাম ও অভিভাবকদের নিয়ে বাল্যবিবাহ প্রতিরোধ কমিটি কাজ করে"),
    ("womens-empowerment", "নারী উদ্যোক্তা প্রশিক্ষণ", "Training women entrepreneurs",
     "নারীদের হিসাব রাখা ও বাজারজাতকরণের প্রশিক্ষণ দেওয়া হয়"),
    ("womens-empowerment", "প্রকল্প কমিটিতে নারী নেতৃত্ব", "Women leading project committees",
     "এক-তৃতীয়াংশ প্রকল্প কমিটির সভাপতি নারী সদস্য হন"),
    ("social-protection", "ভাতাভোগীর স্বচ্ছ বাছাই", "Transparent selection of allowance recipients",
     "ভাতাভোগীর তালিকা উন্মুক্ত সভায় পড়ে শোনানো ও যাচাই করা হয়"),
    ("social-protection", "প্রবীণ সেবা কর্নার", "Service corner for older people",
     "পরিষদ ভবনে প্রবীণদের জন্য আলাদা বসার ও সেবার জায়গা রাখা হয়"),
    ("social-protection", "ভিজিডি তালিকা যাচাই", "Checking VGD lists",
     "ভিজিডি কার্ডধারীদের তালিকা ওয়ার্ড সভায় যাচাই করা হয়"),
]  # fmt: skip

# The story of a generated practice, by theme: the problem, and what it achieved.
THEME_STORY = {
    "governance-udcc": ("নাগরিকেরা জানতেন না পরিষদের অর্থ কোথায় খরচ হয়; সভায় উপস্থিতি ছিল কম।",
                        "সভায় উপস্থিতি বেড়েছে, নাগরিকের অভিযোগ কমেছে।"),
    "revenue": ("নিজস্ব আয় এত কম ছিল যে উন্নয়নের জন্য পরিষদ পুরোপুরি অনুদাননির্ভর ছিল।",
                "নিজস্ব আয় কয়েক গুণ বেড়েছে, ওয়ার্ডে দৃশ্যমান কাজ হয়েছে।"),
    "disability-inclusion": ("প্রতিবন্ধী ব্যক্তিরা পরিষদের সেবা ও ভাতার বাইরে থেকে যেতেন।",
                             "প্রতিবন্ধী ব্যক্তিরা সেবা ও সিদ্ধান্তে অংশ নিচ্ছেন।"),
    "water-arsenic": ("অনেক পরিবার না জেনে আর্সেনিকযুক্ত বা দূষিত পানি পান করত।",
                      "নিরাপদ পানির উৎস চেনা যায়, পানিবাহিত রোগ কমেছে।"),
    "sanitation": ("খোলা জায়গায় মলত্যাগ ও অস্বাস্থ্যকর ল্যাট্রিনে ডায়রিয়া লেগেই থাকত।",
                   "স্বাস্থ্যসম্মত ল্যাট্রিনের ব্যবহার বেড়েছে, ডায়রিয়া কমেছে।"),
    "education": ("অনেক শিশু বিদ্যালয়ে ভর্তি হতো না বা মাঝপথে ঝরে পড়ত।",
                  "ভর্তি ও উপস্থিতির হার বেড়েছে।"),
    "health": ("প্রাথমিক স্বাস্থ্যসেবা গ্রামের মানুষের নাগালের বাইরে ছিল।",
               "টিকাদান ও প্রসব-পূর্ব সেবার হার বেড়েছে।"),
    "agriculture": ("ফলন কম, খরচ বেশি; কৃষকেরা নতুন পদ্ধতি জানতেন না।",
                    "খরচ কমেছে, ফলন ও আয় বেড়েছে।"),
    "disaster-risk-reduction": ("দুর্যোগের আগে প্রস্তুতি ছিল না, ক্ষয়ক্ষতি হতো বেশি।",
                                "আগাম প্রস্তুতিতে প্রাণহানি ও ক্ষয়ক্ষতি কমেছে।"),
    "womens-empowerment": ("নারীরা পরিষদের সিদ্ধান্ত ও আয়ের সুযোগ থেকে বঞ্চিত ছিলেন।",
                           "নারীর অংশগ্রহণ ও আয় বেড়েছে।"),
    "social-protection": ("ভাতার তালিকায় প্রকৃত দুস্থদের নাম বাদ পড়ত।",
                          "তালিকা নিয়ে অভিযোগ কমেছে, প্রকৃত দুস্থরা ভাতা পাচ্ছেন।"),
}  # fmt: skip

THEME_TAGS = {
    "governance-udcc": ["স্বচ্ছতা", "জবাবদিহি", "নাগরিক অংশগ্রহণ"],
    "revenue": ["নিজস্ব আয়", "হোল্ডিং ট্যাক্স"],
    "disability-inclusion": ["প্রতিবন্ধিতা", "সহজগম্যতা"],
    "water-arsenic": ["নিরাপদ পানি", "আর্সেনিক", "নলকূপ"],
    "sanitation": ["ল্যাট্রিন", "পরিচ্ছন্নতা"],
    "education": ["বিদ্যালয়", "শিশু"],
    "health": ["মাতৃস্বাস্থ্য", "টিকা", "কমিউনিটি ক্লিনিক"],
    "agriculture": ["কৃষি", "পরিবেশ"],
    "disaster-risk-reduction": ["দুর্যোগ প্রস্তুতি", "উপকূল"],
    "womens-empowerment": ["নারী", "বাল্যবিবাহ"],
    "social-protection": ["ভাতা", "দুস্থ"],
}

STEPS = [
    "নন্দিত অনুসন্ধানের মাধ্যমে ভালো শিখন চিহ্নিত করা",
    "ওয়ার্ড সভায় নাগরিকদের সঙ্গে আলোচনা",
    "ইউনিয়ন পরিষদের বার্ষিক উন্নয়ন পরিকল্পনায় অন্তর্ভুক্তি ও বাজেট বরাদ্দ",
    "স্থায়ী কমিটির তত্ত্বাবধানে বাস্তবায়ন",
    "উন্মুক্ত সভায় অগ্রগতি জানানো",
]
LESSONS = "নিজস্ব বাজেটে বরাদ্দ রাখলে উদ্যোগ প্রকল্প শেষ হলেও টিকে থাকে; নাগরিকের অংশগ্রহণই মূল শক্তি।"
COST_ITEMS = ["প্রশিক্ষণ ও সভা", "উপকরণ", "প্রচার", "তদারকি"]

BEST_LIST = {
    "slug": "best-practices",
    "title_en": "{n} best practices",
    "title_bn": "{n}টি সর্বাপেক্ষা ভালো শিখন",
    "intro_bn": "যেসব ভালো শিখন নির্ধারিত সংখ্যক ভিন্ন ভিন্ন ইউনিয়ন পরিষদ বা পৌরসভায় "
    "পুনর্বাস্তবায়িত হয়েছে, সেগুলো সর্বাপেক্ষা ভালো শিখন। এনআইএলজি এগুলো জেলা থিমেটিক কর্মশালায় "
    "নীতিনির্ধারকদের সামনে উপস্থাপন করে।",
    "intro_en": "Practices replicated by the set number of different union parishads or "
    "pourashavas are best practices; NILG presents them to policymakers at district thematic "
    "workshops.",
}
DISABILITY_LIST = {
    "slug": "disability-inclusion",
    "title_bn": "প্রতিবন্ধী অন্তর্ভুক্তি",
    "title_en": "Disability inclusion",
    "intro_bn": "প্রতিবন্ধী ব্যক্তিদের সেবা, সহজগম্যতা ও সিদ্ধান্তে অংশগ্রহণ নিশ্চিত করার ভালো শিখন।",
    "intro_en": "Practices that bring persons with disabilities into services, buildings and "
    "decisions.",
}
CIRCULAR_NOTE_BN = "সরকারি পরিপত্রের মাধ্যমে প্রাতিষ্ঠানিক রূপ পেয়েছে।"
CIRCULAR_NOTE_EN = "Institutionalised by a government circular."

# The demo tags' names on English pages (practices.TagName).
TAG_NAMES_EN = {
    "আইলা": "Cyclone Aila",
    "আর্সেনিক": "arsenic",
    "ইউডিসিসি": "UDCC",
    "উন্মুক্ত বাজেট": "open budget",
    "উন্মুক্ত মলত্যাগমুক্ত": "open-defecation free",
    "উপকূল": "coast",
    "কমিউনিটি ক্লিনিক": "community clinic",
    "কর মেলা": "tax fair",
    "কীটনাশক": "pesticides",
    "কৃষি": "agriculture",
    "জন্ম নিবন্ধন": "birth registration",
    "জবাবদিহি": "accountability",
    "টিকা": "vaccination",
    "দুর্যোগ প্রস্তুতি": "disaster preparedness",
    "দুস্থ": "the destitute",
    "নলকূপ": "tube wells",
    "নাগরিক অংশগ্রহণ": "citizen participation",
    "নারী": "women",
    "নিজস্ব আয়": "own revenue",
    "নিরাপদ পানি": "safe water",
    "পরিকল্পনা": "planning",
    "পরিচ্ছন্নতা": "cleanliness",
    "পরিবেশ": "environment",
    "পার্চিং": "perching",
    "পৌরসভা": "pourashava",
    "প্রতিবন্ধিতা": "disability",
    "বাল্যবিবাহ": "child marriage",
    "বিদ্যালয়": "schools",
    "বৃক্ষরোপণ": "tree planting",
    "ব্যবহারকারী কমিটি": "users' committee",
    "ভর্তি": "enrolment",
    "ভাতা": "allowances",
    "মহিলা ফোরাম": "women's forum",
    "মাতৃস্বাস্থ্য": "maternal health",
    "রেশন কার্ড": "ration cards",
    "ল্যাট্রিন": "latrines",
    "শিশু": "children",
    "সমন্বয়": "coordination",
    "সহজগম্যতা": "accessibility",
    "স্বচ্ছতা": "transparency",
    "হাত ধোয়া": "handwashing",
    "হোল্ডিং ট্যাক্স": "holding tax",
}

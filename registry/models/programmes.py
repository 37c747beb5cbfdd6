"""Social-protection programmes (সামাজিক নিরাপত্তা কর্মসূচি), and the standard ones every
registry starts with."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .base import bilingual


class Programme(models.Model):
    """A named social-protection programme (সামাজিক নিরাপত্তা কর্মসূচি), e.g. the old-age
    allowance (বয়স্ক ভাতা), whose beneficiaries the registry also holds."""

    slug = models.SlugField(_("slug"), unique=True)
    name_bn = models.CharField(_("name (Bangla)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    agency = models.CharField(_("implementing agency"), max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "name_en"]
        verbose_name = _("social-protection programme")
        verbose_name_plural = _("social-protection programmes")

    def __str__(self):
        return self.name

    @property
    def name(self):
        return bilingual(self.name_bn, self.name_en)


# The programmes whose beneficiaries unions hold lists of (seeds: Department of Social Services).
STANDARD_PROGRAMMES = [
    ("old-age-allowance", "বয়স্ক ভাতা", "Old age allowance", "সমাজসেবা অধিদফতর"),
    (
        "widow-allowance",
        "বিধবা ও স্বামী নিগৃহীতা মহিলা ভাতা",
        "Allowance for widowed and husband-deserted women",
        "সমাজসেবা অধিদফতর",
    ),
    ("disability-allowance", "প্রতিবন্ধী ভাতা", "Disability allowance", "সমাজসেবা অধিদফতর"),
    (
        "disability-stipend",
        "প্রতিবন্ধী শিক্ষার্থীদের শিক্ষা উপবৃত্তি",
        "Education stipend for students with disabilities",
        "সমাজসেবা অধিদফতর",
    ),
    (
        "special-allowance",
        "হিজড়া, বেদে ও অনগ্রসর জনগোষ্ঠীর বিশেষ ভাতা",
        "Special allowance for hijra, bede and disadvantaged communities",
        "সমাজসেবা অধিদফতর",
    ),
    (
        "conditional-cash-transfer",
        "শিশুদের জন্য শর্তযুক্ত অর্থসহায়তা",
        "Conditional cash transfer for children",
        "সমাজসেবা অধিদফতর",
    ),
    (
        "interest-free-microcredit",
        "সুদমুক্ত ক্ষুদ্রঋণ",
        "Interest-free microcredit",
        "সমাজসেবা অধিদফতর",
    ),
    (
        "tea-worker-grant",
        "চা-শ্রমিকদের এককালীন আর্থিক অনুদান",
        "One-off grant for tea workers",
        "সমাজসেবা অধিদফতর",
    ),
]


def ensure_standard_programmes(**kwargs):
    """Create the standard programmes that are missing (after every migrate and flush)."""
    existing = set(Programme.objects.values_list("slug", flat=True))
    Programme.objects.bulk_create(
        [
            Programme(slug=slug, name_bn=bn, name_en=en, agency=agency, sort_order=order)
            for order, (slug, bn, en, agency) in enumerate(STANDARD_PROGRAMMES)
            if slug not in existing
        ]
    )

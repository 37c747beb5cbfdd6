"""What the search service stores in the database: the embedded index and NILG's glossary.

`SearchEntry` is one indexed document (a practice, a circular, a workshop …) in the shape every
backend shares. It is always kept up to date: it is the database backend's index, the source
the Elasticsearch index is built from, and the fallback when Elasticsearch is down.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from bangla import analyze, to_bangla_digits


class SearchEntry(models.Model):
    """One published document in the search index, already analysed (see `bangla`).

    The short columns come first: on SQLite a row's first bytes stay on its page while long
    text spills into overflow pages, so facet counts never have to read the text.
    """

    key = models.CharField(max_length=64, unique=True)
    type = models.CharField(max_length=20)
    theme = models.CharField(max_length=64, blank=True)
    division = models.CharField(max_length=20, blank=True)
    district = models.CharField(max_length=20, blank=True)
    circular_status = models.CharField(max_length=20, blank=True)
    best_practice = models.BooleanField(null=True)
    year = models.SmallIntegerField(null=True)
    date = models.DateField(null=True)
    boost = models.FloatField(default=1.0)
    replication_count = models.PositiveIntegerField(default=0)
    budget_total = models.DecimalField(max_digits=16, decimal_places=2, default=0)
    object_id = models.PositiveBigIntegerField()
    content_hash = models.CharField(max_length=40)
    indexed_at = models.DateTimeField(auto_now=True)
    url_bn = models.CharField(max_length=500)
    url_en = models.CharField(max_length=500)
    title_bn = models.CharField(max_length=500)
    title_en = models.CharField(max_length=500, blank=True)
    # " word word … " of both titles, normalised, for prefix suggestions.
    suggest_text = models.TextField(blank=True)
    title_terms = models.TextField(blank=True)
    # What the document is, when and where: its kind, dates and places (weighs between the
    # title and the body).
    about_terms = models.TextField(blank=True)
    # Plain text shown in snippets, per language; the analysed terms are what is matched.
    text_bn = models.TextField(blank=True)
    text_en = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        indexes = [
            models.Index(fields=["date"], name="portal_search_date"),
            # Covers facet counting and browsing, so neither reads the table's rows.
            models.Index(
                fields=[
                    "type",
                    "theme",
                    "division",
                    "district",
                    "circular_status",
                    "best_practice",
                    "year",
                    "date",
                    "boost",
                ],
                name="portal_search_facets",
            ),
        ]

    def __str__(self):
        return self.key


class GlossaryEntry(index.Indexed, models.Model):
    """A group of equivalent terms (arsenic ≡ আর্সেনিক), applied to every search query.

    A search for any term of the group also finds documents that use another one, so Bangla and
    English words, abbreviations (UDCC ≡ ইউডিসিসি) and long names meet.
    """

    terms = models.TextField(
        _("equivalent terms"),
        help_text=_(
            "One term or phrase per line, in Bangla or English. A search for any of them also "
            "finds documents that use the others."
        ),
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [FieldPanel("terms"), FieldPanel("note")]
    search_fields = [
        index.SearchField("terms", boost=2),
        index.AutocompleteField("terms"),
        index.SearchField("note"),
        index.FilterField("updated_at"),
    ]

    class Meta:
        verbose_name = _("glossary entry")
        verbose_name_plural = _("glossary")
        ordering = ["pk"]

    def __str__(self):
        return " ≡ ".join(self.term_list())[:120]

    def term_list(self):
        """The group's terms, one per non-empty line, without repeats."""
        lines = (line.strip() for line in self.terms.splitlines())
        return list(dict.fromkeys(line for line in lines if line))

    def clean(self):
        terms = self.term_list()
        if len(terms) < 2:
            raise ValidationError(
                {"terms": _("Give at least two terms, one per line, that mean the same.")}
            )
        for number, line in enumerate(self.terms.splitlines(), start=1):
            if line.strip() and not analyze(line):
                raise ValidationError(
                    {
                        "terms": _(
                            "Line %(line)s (“%(term)s”) has no word that search can look for."
                        )
                        % {"line": _line_number(number), "term": line.strip()}
                    }
                )


def _line_number(number):
    english = (get_language() or "bn").startswith("en")
    return str(number) if english else to_bangla_digits(str(number))

"""StreamField blocks of a practice's story: problem, steps, cost, results, lessons, media."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from portal.blocks import AmountBlock


class HeadedBlock(blocks.StructBlock):
    """A block whose heading defaults to its label in the stream ("The problem", "Results")."""

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["label"] = self.label
        return context


class SectionBlock(HeadedBlock):
    heading = blocks.CharBlock(label=_("heading"), required=False)
    text = blocks.RichTextBlock(label=_("text"), features=["bold", "italic", "ol", "ul", "link"])

    class Meta:
        template = "blocks/section_block.html"


class StepsBlock(HeadedBlock):
    heading = blocks.CharBlock(label=_("heading"), required=False)
    steps = blocks.ListBlock(blocks.TextBlock(label=_("step")), label=_("steps"))

    class Meta:
        template = "blocks/steps_block.html"
        icon = "list-ol"


class CostLineBlock(blocks.StructBlock):
    item = blocks.CharBlock(label=_("item"))
    amount = AmountBlock(label=_("amount (BDT)"), min_value=0, decimal_places=2)


class CostBlock(HeadedBlock):
    heading = blocks.CharBlock(label=_("heading"), required=False)
    lines = blocks.ListBlock(CostLineBlock(), label=_("resources and cost per replication"))
    note = blocks.TextBlock(label=_("note"), required=False)

    class Meta:
        template = "blocks/cost_block.html"
        icon = "table"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["total"] = sum((line["amount"] or 0) for line in value["lines"])
        context["labels"] = {
            "item": _("Item"),
            "amount": _("Cost (BDT)"),
            "total": _("Total per replication"),
        }
        return context


class PhotoBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("photo"))
    caption = blocks.CharBlock(label=_("caption"), required=False)

    class Meta:
        template = "blocks/photo_block.html"
        icon = "image"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(label=_("title"), required=False)

    class Meta:
        template = "blocks/document_block.html"
        icon = "doc-full"


class PracticeBodyBlock(blocks.StreamBlock):
    problem = SectionBlock(label=_("The problem"))
    steps = StepsBlock(label=_("Steps"))
    cost = CostBlock(label=_("Resources and cost"))
    results = SectionBlock(label=_("Results"))
    lessons = SectionBlock(label=_("Lessons"))
    section = SectionBlock(label=_("Other section"))
    photo = PhotoBlock(label=_("Photo"))
    document = DocumentBlock(label=_("Document"))

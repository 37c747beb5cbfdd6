"""StreamField blocks whose numbers are typed as people in Bangladesh type them (see
`portal.forms`): Wagtail's DecimalBlock is an `<input type="number">`, which empties itself
when given Bangla digits."""

from wagtail import blocks

from .forms import AmountField


class AmountBlock(blocks.DecimalBlock):
    """An amount in taka: "১,৫০,০০০", "150000.50" or "১৫০০০০ টাকা"."""

    def __init__(
        self,
        required=True,
        help_text=None,
        max_value=None,
        min_value=None,
        max_digits=None,
        decimal_places=None,
        validators=(),
        *args,
        **kwargs,
    ):
        super().__init__(
            required,
            help_text,
            max_value,
            min_value,
            max_digits,
            decimal_places,
            validators,
            *args,
            **kwargs,
        )
        self.field = AmountField(
            required=required,
            help_text=help_text,
            max_value=max_value,
            min_value=min_value,
            max_digits=max_digits,
            decimal_places=decimal_places,
            validators=validators,
        )

"""What the registry adds to other apps' pages: a practice's beneficiaries, as counts only."""

from portal import pagecontext

from .aggregates import beneficiaries_for_practice


@pagecontext.builds("practices.PracticePage")
def practice_beneficiaries(request, practice):
    """The registry's counts for the practice page (`small_count` hides those under five)."""
    return {"beneficiaries_direct": beneficiaries_for_practice(practice)}

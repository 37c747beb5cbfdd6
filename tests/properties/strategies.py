"""Text that looks like what people type into the portal, and text that is plain hostile."""

from hypothesis import strategies as st

BANGLA_DIGITS = "০১২৩৪৫৬৭৮৯"
NUMBERISH = "0123456789" + BANGLA_DIGITS + ",.-−/ ৳" + "টাকাTtkBDbd" + "\u200c\u200d\u00a0\t"

numberish_text = st.text(alphabet=NUMBERISH, max_size=30)

# Bangla letters and signs, Latin, digits of several scripts, punctuation, controls,
# joiners, bidi marks and surrogates: everything a pasted query or cell may hold.
any_text = st.one_of(
    st.text(max_size=80),
    st.text(
        alphabet=st.one_of(
            st.characters(min_codepoint=0x0980, max_codepoint=0x09FF),
            st.characters(min_codepoint=0x20, max_codepoint=0x7E),
            st.sampled_from("\u200b\u200c\u200d\u200e\u200f\ufeff\u00ad\x00\n\t\r\u2028"),
            st.characters(categories=["Nd"]),
        ),
        max_size=80,
    ),
)


def with_bangla_digits(text):
    return text.translate(str.maketrans("0123456789", BANGLA_DIGITS))

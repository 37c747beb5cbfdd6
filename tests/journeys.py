"""What the browser journeys of the working users share: the two widths, the count of the
user's actions, the Latin words each Bangla screen shows, signing in and out from the portal's
header in either language, and the tap targets smaller than a finger."""

import re

# Words that may stay in Latin letters on a Bangla screen: names.
ALLOWED_LATIN = {"NILG", "HLP", "up", "editor"}
WIDTHS = {"phone": {"width": 360, "height": 780}, "desktop": {"width": 1366, "height": 900}}
PASSWORD = "x-pass-12345"
SIGN_IN = {"": "সাইন ইন", "/en": "Sign in"}
SIGN_OUT = {"": "সাইন আউট", "/en": "Sign out"}
TAP_TARGET_PX = 44

# Every visible link, button, field and disclosure a finger taps on its own, as
# "tag "text" WxH" when it is less than 44 px high or 24 px wide. A link inside a sentence is
# not a target of its own (WCAG 2.5.8's inline exception), nor is a shape of a map that its
# table repeats; a checkbox is measured by its label, which takes the tap.
SMALL_TARGETS_JS = """(minimum) => {
  const small = [];
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary';
  for (const element of document.querySelectorAll(selector)) {
    if (element.closest('svg, .visually-hidden, .skip-link')) continue;
    let target = element;
    if (element.matches('input[type=checkbox], input[type=radio]')) {
      target = element.closest('label')
        || document.querySelector(`label[for="${element.id}"]`) || element;
    }
    const box = target.getBoundingClientRect();
    const style = getComputedStyle(target);
    if (!box.width || !box.height || style.visibility === 'hidden') continue;
    if (style.display === 'inline') {
      const around = target.parentElement.textContent.replace(target.textContent, '');
      if (around.replace(/[\\s·|,;:()—–-]/g, '').length > 1) continue;
    }
    if (box.height < minimum || box.width < 24) {
      const text = (target.textContent || target.value || '').trim().slice(0, 40);
      const size = `${Math.round(box.width)}x${Math.round(box.height)}`;
      small.push(`${target.tagName.toLowerCase()} "${text}" ${size}`);
    }
  }
  return small;
}"""


def small_targets(page):
    """What a finger could miss on the page: see SMALL_TARGETS_JS."""
    return page.evaluate(SMALL_TARGETS_JS, TAP_TARGET_PX)


class Journey:
    """The page, and a count of what the user does on it (a click, a field filled, a key).

    `language` is the portal's address prefix the user starts from: "" (Bangla) or "/en"."""

    def __init__(self, page, base_url, language="", allowed=ALLOWED_LATIN):
        self.page = page
        self.base_url = base_url
        self.language = language
        self.allowed = set(allowed)
        self.actions = 0
        self.screens = {}

    def act(self, locator_action, *args, **kwargs):
        self.actions += 1
        return locator_action(*args, **kwargs)

    def look(self, name, where="body"):
        """Remember the Latin words the user sees on this screen (in `where`: on the portal's
        pages, its main part; the header's language switch and the footer's data sources name
        themselves in Latin letters)."""
        self.page.wait_for_load_state("networkidle")
        text = self.page.locator(where).first.inner_text()
        latin = set(re.findall(r"[A-Za-z]{2,}", text)) - self.allowed
        self.screens[name] = sorted(latin)

    def english_on_bangla_screens(self):
        """The screens of a Bangla journey that showed Latin words other than names."""
        if self.language:
            return {}
        return {name: words for name, words in self.screens.items() if words}

    def sign_in(self, username, lands_on, password=PASSWORD):
        """From the home page, by the header's link and the sign-in form (five actions)."""
        page, sign_in = self.page, SIGN_IN[self.language]
        self.act(page.goto, self.base_url + self.language + "/")
        self.act(page.locator(".account-nav").get_by_role("link", name=sign_in).click)
        self.act(page.fill, "#id_username", username)
        self.act(page.fill, "#id_password", password)
        self.act(page.get_by_role("button", name=sign_in).click)
        page.wait_for_url(lands_on)

    def sign_out(self):
        """By the header's button, back on the home page (one action)."""
        button = self.page.locator(".account-nav").get_by_role(
            "button", name=SIGN_OUT[self.language]
        )
        self.act(button.click)
        self.page.wait_for_url(self.base_url + "/")

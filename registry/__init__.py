"""The beneficiary registry (উপকারভোগী নিবন্ধন): households, persons and the benefits they received
from practices and social-protection programmes, with imports, duplicate review, the yearly
update cycle, priority lists, impact figures and strict protection of personal data."""

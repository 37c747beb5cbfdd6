"""``field__any=[…]``: membership in a long list of values, as one parameter.

``field__in`` with thousands of values makes Django resolve, and the driver splice, one
placeholder per value; on PostgreSQL ``field = ANY(%s)`` sends the list as a single array.
Elsewhere the lookup is ``IN``. Registered on every field in ``portal.apps``.
"""

from django.db.models import Field, ForeignObject
from django.db.models.lookups import In


class AnyOf(In):
    lookup_name = "any"

    def as_postgresql(self, compiler, connection):
        if not self.rhs_is_direct_value():
            return self.as_sql(compiler, connection)
        lhs, lhs_params = self.process_lhs(compiler, connection)
        field = self.lhs.output_field
        # get_prep_lookup has prepared the values and left out None.
        values = [field.get_db_prep_value(value, connection, prepared=True) for value in self.rhs]
        return f"{lhs} = ANY(%s)", (*lhs_params, values)


Field.register_lookup(AnyOf)
# Relations keep lookups of their own; `household_id__any` compares the key column.
ForeignObject.register_lookup(AnyOf)

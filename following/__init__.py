"""Follow a practice, a theme, an area or a curated list, and be told what happens to it.

What happens is recorded once, as an `Event` (a practice published, a replication recorded or
verified, a practice halfway to the best-practice threshold or over it, a circular issued or
superseded, a workshop decision about a practice). Each event is handed at once to the users who
follow what it concerns, as unread `Notification`s (one bulk insert, whatever their number);
the header shows how many are unread, an email digest (daily or weekly) gathers them, and an Atom
feed of each followable thing carries its public events for anyone.

Events only ever name published pages and public figures: nothing of the registry, and no draft.
"""

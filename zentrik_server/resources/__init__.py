"""What the four resource features (signals, insights, opportunities, ideas) share.

A feature declares its `Resource` (table, link fields, JSON shape) in its repository; these
modules read, write and answer any such resource and know no feature's own rules:

- `records`: the `Resource` declaration and its generic SQL (list pages, get, add, change,
  remove), the hot read paths run as `prepared` statements.
- `shapes`: a resource's JSON shape, rendered in Python or built by SQLite itself.
- `links`: the link tables (insight↔opportunity, ...), each readable from both sides.
- `crud`: create and update with link lists checked, for services and routers.
- `routing`: the response helpers of the list, get, create and delete routes.
- `reads`: where read-only requests run (inline on SQLite, thread pool elsewhere);
  `listing`: their counts and deep-offset anchors, cached until the database changes;
  `prepared`: statements compiled once per dialect and run on the driver's cursor.
"""

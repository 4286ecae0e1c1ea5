-- Covering indexes for analytics over large result sets (owner: analytics). A view reads a few
-- short columns of every cable in the set; from the table each read lands on the row's first page,
-- next to the body and JSON, one page per cable. These keep those columns a few dozen bytes a
-- cable, in rowid order like the sets, so 25,000 cables read a few hundred pages
-- (docs/analytics.md, "Speed" has the measurements).
CREATE INDEX cables_analytics ON cables(id, level, year, station, serial, origin, precedence, created, decl_date, classified_by);
-- Paragraph markings per cable, without reading the paragraph texts stored in the same rows.
CREATE INDEX paragraphs_cable_marking ON paragraphs(cable_id, seq, marking);

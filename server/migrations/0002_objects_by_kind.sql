-- Lists of a whole kind (sources, destinations, …) page by seq: with (kind, seq) a page costs
-- its own size, not the size of the kind (the (kind, parent, seq) index needs a sort there).
CREATE INDEX objects_by_kind ON objects (kind, seq);

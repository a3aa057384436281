// The bare best-practice load, elements: one session, UNWIND batches of 10k rows, CREATE.
UNWIND $rows AS row
CREATE (e:Element:$(row.label))
SET e = row.props

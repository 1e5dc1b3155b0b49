-- Verify cm-extra:notes on pg
SELECT body FROM cm_base.notes WHERE false;

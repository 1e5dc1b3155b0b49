-- Verify cm-app:things on pg
SELECT id FROM cm_base.things WHERE false;

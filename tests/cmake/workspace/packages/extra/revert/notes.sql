-- Revert cm-extra:notes from pg
DROP TABLE cm_base.notes;

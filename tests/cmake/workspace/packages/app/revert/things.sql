-- Revert cm-app:things from pg
DROP TABLE cm_base.things;

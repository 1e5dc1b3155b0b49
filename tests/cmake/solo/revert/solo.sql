-- Revert cm-solo:solo from pg
DROP SCHEMA cm_solo;

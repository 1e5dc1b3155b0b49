-- Revert cm-base:schema from pg
DROP SCHEMA cm_base;

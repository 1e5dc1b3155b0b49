-- Verify cm-base:schema on pg
SELECT pg_catalog.has_schema_privilege('cm_base', 'usage');

-- Verify cm-roles:reader on pg
SELECT 1 / pg_catalog.has_schema_privilege('cm_reader', 'cm_base', 'usage')::int;

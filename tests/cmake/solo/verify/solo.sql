-- Verify cm-solo:solo on pg
SELECT pg_catalog.has_schema_privilege('cm_solo', 'usage');

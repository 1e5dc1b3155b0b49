-- Verify app-audit:schemas/audit/schema on pg

BEGIN;

SELECT 1/count(*) FROM pg_catalog.pg_namespace WHERE nspname = 'audit';

SELECT 1/has_schema_privilege('authenticated', 'audit', 'USAGE')::int;

ROLLBACK;

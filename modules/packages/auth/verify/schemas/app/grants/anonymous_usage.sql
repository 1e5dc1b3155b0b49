-- Verify app-auth:schemas/app/grants/anonymous_usage on pg

BEGIN;

SELECT 1/has_schema_privilege('anonymous', 'app', 'USAGE')::int;

ROLLBACK;

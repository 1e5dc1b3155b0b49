-- Verify app-audit:schemas/audit/comments on pg

BEGIN;

SELECT 1 / (obj_description('audit'::regnamespace, 'pg_namespace') IS NOT NULL)::int;
SELECT 1 / (obj_description('audit.log'::regclass, 'pg_class') IS NOT NULL)::int;

ROLLBACK;

-- Verify app-audit:schemas/audit/tables/log/policies on pg

BEGIN;

SELECT 1/count(*)
  FROM pg_catalog.pg_policies
 WHERE schemaname = 'audit'
   AND tablename = 'log'
   AND policyname = 'log_select_own'
   AND roles = '{authenticated}';

SELECT 1/count(*)
  FROM pg_catalog.pg_class
 WHERE oid = 'audit.log'::regclass
   AND relrowsecurity;

SELECT 1/has_table_privilege('authenticated', 'audit.log', 'SELECT')::int;

ROLLBACK;

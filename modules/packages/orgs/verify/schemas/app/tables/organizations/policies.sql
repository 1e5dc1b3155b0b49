-- Verify app-orgs:schemas/app/tables/organizations/policies on pg

BEGIN;

SELECT 1/(count(*) = 3)::int
  FROM pg_catalog.pg_policies
 WHERE schemaname = 'app'
   AND tablename = 'organizations'
   AND roles = '{authenticated}';

SELECT 1/count(*)
  FROM pg_catalog.pg_class
 WHERE oid = 'app.organizations'::regclass
   AND relrowsecurity;

SELECT 1/has_table_privilege('authenticated', 'app.organizations', 'SELECT, INSERT')::int;

ROLLBACK;

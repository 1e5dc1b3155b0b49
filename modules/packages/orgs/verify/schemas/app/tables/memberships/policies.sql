-- Verify app-orgs:schemas/app/tables/memberships/policies on pg

BEGIN;

SELECT 1/(count(*) = 2)::int
  FROM pg_catalog.pg_policies
 WHERE schemaname = 'app'
   AND tablename = 'memberships'
   AND policyname IN ('memberships_select_member', 'memberships_manage_admin');

SELECT 1/count(*)
  FROM pg_catalog.pg_class
 WHERE oid = 'app.memberships'::regclass
   AND relrowsecurity;

SELECT 1/has_table_privilege('authenticated', 'app.memberships', 'SELECT, INSERT, UPDATE, DELETE')::int;

ROLLBACK;

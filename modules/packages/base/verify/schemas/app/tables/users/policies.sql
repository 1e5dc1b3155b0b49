-- Verify app-base:schemas/app/tables/users/policies on pg

BEGIN;

SELECT 1/count(*)
  FROM pg_catalog.pg_class
 WHERE oid = 'app.users'::regclass
   AND relrowsecurity;

SELECT 1/(count(*) = 2)::int
  FROM pg_catalog.pg_policies
 WHERE schemaname = 'app'
   AND tablename = 'users'
   AND policyname IN ('users_select_self', 'users_update_self');

SELECT 1/has_table_privilege('authenticated', 'app.users', 'SELECT')::int;
SELECT 1/has_column_privilege('authenticated', 'app.users', 'display_name', 'UPDATE')::int;

ROLLBACK;

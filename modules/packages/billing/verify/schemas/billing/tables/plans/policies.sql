-- Verify app-billing:schemas/billing/tables/plans/policies on pg

BEGIN;

SELECT 1/count(*)
  FROM pg_catalog.pg_policies
 WHERE schemaname = 'billing'
   AND tablename = 'plans'
   AND policyname = 'plans_select_public'
   AND roles @> '{anonymous,authenticated}';

SELECT 1/has_table_privilege('anonymous', 'billing.plans', 'SELECT')::int;

ROLLBACK;

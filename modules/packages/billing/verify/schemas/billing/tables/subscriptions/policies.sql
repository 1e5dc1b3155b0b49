-- Verify app-billing:schemas/billing/tables/subscriptions/policies on pg

BEGIN;

SELECT 1/count(*)
  FROM pg_catalog.pg_policies
 WHERE schemaname = 'billing'
   AND tablename = 'subscriptions'
   AND policyname = 'subscriptions_select_member';

SELECT 1/count(*)
  FROM pg_catalog.pg_class
 WHERE oid = 'billing.subscriptions'::regclass
   AND relrowsecurity;

SELECT 1/has_table_privilege('authenticated', 'billing.subscriptions', 'SELECT')::int;

ROLLBACK;

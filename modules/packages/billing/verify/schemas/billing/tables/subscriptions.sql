-- Verify app-billing:schemas/billing/tables/subscriptions on pg

BEGIN;

SELECT id, organization_id, plan_id, billing_reference, started_at, updated_at
  FROM billing.subscriptions
 WHERE false;

SELECT 1/count(*)
  FROM pg_catalog.pg_constraint
 WHERE conrelid = 'billing.subscriptions'::regclass
   AND contype = 'f'
   AND confrelid = 'app.organizations'::regclass;

ROLLBACK;

-- Revert app-billing:schemas/billing/tables/subscriptions/policies from pg

BEGIN;

REVOKE SELECT ON billing.subscriptions FROM authenticated;

DROP POLICY subscriptions_select_member ON billing.subscriptions;

ALTER TABLE billing.subscriptions DISABLE ROW LEVEL SECURITY;

COMMIT;

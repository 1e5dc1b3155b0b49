-- Revert app-billing:schemas/billing/tables/plans/policies from pg

BEGIN;

REVOKE SELECT ON billing.plans FROM anonymous, authenticated;

DROP POLICY plans_select_public ON billing.plans;

ALTER TABLE billing.plans DISABLE ROW LEVEL SECURITY;

COMMIT;

-- Revert app-billing:schemas/billing/types/plan_tier from pg

BEGIN;

DROP TYPE billing.plan_tier;

COMMIT;

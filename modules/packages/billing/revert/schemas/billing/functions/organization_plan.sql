-- Revert app-billing:schemas/billing/functions/organization_plan from pg

BEGIN;

DROP FUNCTION billing.organization_plan(uuid);

COMMIT;

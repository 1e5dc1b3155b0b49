-- Revert app-billing:schemas/billing/tables/plans from pg

BEGIN;

DROP TABLE billing.plans;

COMMIT;

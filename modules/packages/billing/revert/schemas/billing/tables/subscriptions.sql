-- Revert app-billing:schemas/billing/tables/subscriptions from pg

BEGIN;

DROP TABLE billing.subscriptions;

COMMIT;

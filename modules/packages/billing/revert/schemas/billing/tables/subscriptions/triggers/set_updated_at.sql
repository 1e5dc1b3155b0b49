-- Revert app-billing:schemas/billing/tables/subscriptions/triggers/set_updated_at from pg

BEGIN;

DROP TRIGGER set_updated_at ON billing.subscriptions;

COMMIT;

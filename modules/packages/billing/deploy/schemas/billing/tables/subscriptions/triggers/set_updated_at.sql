-- Deploy app-billing:schemas/billing/tables/subscriptions/triggers/set_updated_at to pg
-- requires: schemas/billing/tables/subscriptions
-- requires: app-base:schemas/app_private/functions/tg_set_updated_at

BEGIN;

CREATE TRIGGER set_updated_at
  BEFORE UPDATE ON billing.subscriptions
  FOR EACH ROW
  EXECUTE FUNCTION app_private.tg_set_updated_at();

COMMIT;

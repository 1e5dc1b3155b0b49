-- Verify app-billing:schemas/billing/tables/subscriptions/triggers/set_updated_at on pg

BEGIN;

SELECT 1/count(*)
  FROM pg_catalog.pg_trigger
 WHERE tgrelid = 'billing.subscriptions'::regclass
   AND tgname = 'set_updated_at'
   AND tgfoid = 'app_private.tg_set_updated_at()'::regprocedure;

ROLLBACK;

-- Revert app-base:schemas/app_private/functions/tg_set_updated_at from pg

BEGIN;

DROP FUNCTION app_private.tg_set_updated_at();

COMMIT;

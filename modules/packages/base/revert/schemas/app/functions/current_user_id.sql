-- Revert app-base:schemas/app/functions/current_user_id from pg

BEGIN;

DROP FUNCTION app.current_user_id();

COMMIT;

-- Revert app-base:schemas/app/types/user_status from pg

BEGIN;

DROP TYPE app.user_status;

COMMIT;

-- Revert app-auth:schemas/app/functions/authenticate from pg

BEGIN;

DROP FUNCTION app.authenticate(text, text);

COMMIT;

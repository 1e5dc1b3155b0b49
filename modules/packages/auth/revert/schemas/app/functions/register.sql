-- Revert app-auth:schemas/app/functions/register from pg

BEGIN;

DROP FUNCTION app.register(text, text, text);

COMMIT;

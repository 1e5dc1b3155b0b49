-- Revert app-api:schemas/app/functions/create_organization from pg

BEGIN;

DROP FUNCTION app.create_organization(text, text);

COMMIT;

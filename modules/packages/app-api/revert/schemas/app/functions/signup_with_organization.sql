-- Revert app-api:schemas/app/functions/signup_with_organization from pg

BEGIN;

DROP FUNCTION app.signup_with_organization(text, text, text, text);

COMMIT;

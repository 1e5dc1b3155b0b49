-- Revert app-base:schemas/app/tables/users/indexes/email from pg

BEGIN;

DROP INDEX app.users_email_idx;

COMMIT;

-- Revert app-base:schemas/app/tables/users from pg

BEGIN;

DROP TABLE app.users;

COMMIT;

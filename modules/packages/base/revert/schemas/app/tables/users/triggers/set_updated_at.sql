-- Revert app-base:schemas/app/tables/users/triggers/set_updated_at from pg

BEGIN;

DROP TRIGGER set_updated_at ON app.users;

COMMIT;

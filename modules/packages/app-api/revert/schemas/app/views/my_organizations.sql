-- Revert app-api:schemas/app/views/my_organizations from pg

BEGIN;

DROP VIEW app.my_organizations;

COMMIT;

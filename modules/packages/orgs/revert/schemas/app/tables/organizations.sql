-- Revert app-orgs:schemas/app/tables/organizations from pg

BEGIN;

DROP TABLE app.organizations;

COMMIT;

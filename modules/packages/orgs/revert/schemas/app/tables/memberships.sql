-- Revert app-orgs:schemas/app/tables/memberships from pg

BEGIN;

DROP TABLE app.memberships;

COMMIT;

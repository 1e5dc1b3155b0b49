-- Revert app-orgs:schemas/app/types/membership_role from pg

BEGIN;

DROP TYPE app.membership_role;

COMMIT;

-- Revert app-audit:schemas/audit/tables/log from pg

BEGIN;

DROP TABLE audit.log;

COMMIT;

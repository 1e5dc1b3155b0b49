-- Revert app-audit:schemas/audit/tables/log/policies from pg

BEGIN;

REVOKE SELECT ON audit.log FROM authenticated;

DROP POLICY log_select_own ON audit.log;

ALTER TABLE audit.log DISABLE ROW LEVEL SECURITY;

COMMIT;

-- Deploy app-audit:schemas/audit/tables/log/policies to pg
-- requires: schemas/audit/tables/log

BEGIN;

ALTER TABLE audit.log ENABLE ROW LEVEL SECURITY;

-- app.current_user_id() comes from app-base, which this module requires.
CREATE POLICY log_select_own ON audit.log
  FOR SELECT
  TO authenticated
  USING (actor_id = app.current_user_id());

GRANT SELECT ON audit.log TO authenticated;

COMMIT;

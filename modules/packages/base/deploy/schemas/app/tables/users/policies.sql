-- Deploy app-base:schemas/app/tables/users/policies to pg
-- requires: schemas/app/tables/users
-- requires: schemas/app/functions/current_user_id

BEGIN;

ALTER TABLE app.users ENABLE ROW LEVEL SECURITY;

CREATE POLICY users_select_self ON app.users
  FOR SELECT
  TO authenticated
  USING (id = app.current_user_id());

CREATE POLICY users_update_self ON app.users
  FOR UPDATE
  TO authenticated
  USING (id = app.current_user_id())
  WITH CHECK (id = app.current_user_id());

GRANT SELECT ON app.users TO authenticated;
GRANT UPDATE (display_name) ON app.users TO authenticated;

COMMIT;

-- Deploy app-orgs:schemas/app/tables/organizations/policies to pg
-- requires: schemas/app/functions/is_org_member

BEGIN;

ALTER TABLE app.organizations ENABLE ROW LEVEL SECURITY;

CREATE POLICY organizations_select_member ON app.organizations
  FOR SELECT
  TO authenticated
  USING (app.is_org_member(id));

CREATE POLICY organizations_insert_creator ON app.organizations
  FOR INSERT
  TO authenticated
  WITH CHECK (created_by = app.current_user_id());

CREATE POLICY organizations_update_admin ON app.organizations
  FOR UPDATE
  TO authenticated
  USING (app.is_org_member(id, 'admin'));

GRANT SELECT, INSERT ON app.organizations TO authenticated;
GRANT UPDATE (slug, name) ON app.organizations TO authenticated;

COMMIT;

-- Deploy app-orgs:schemas/app/tables/memberships/policies to pg
-- requires: schemas/app/functions/is_org_member

BEGIN;

ALTER TABLE app.memberships ENABLE ROW LEVEL SECURITY;

CREATE POLICY memberships_select_member ON app.memberships
  FOR SELECT
  TO authenticated
  USING (app.is_org_member(organization_id));

CREATE POLICY memberships_manage_admin ON app.memberships
  FOR ALL
  TO authenticated
  USING (app.is_org_member(organization_id, 'admin'))
  WITH CHECK (app.is_org_member(organization_id, 'admin'));

GRANT SELECT, INSERT, UPDATE, DELETE ON app.memberships TO authenticated;

COMMIT;

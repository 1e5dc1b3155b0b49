-- Deploy app-api:schemas/app/functions/create_organization to pg
-- requires: app-orgs:schemas/app/tables/memberships
-- requires: app-billing:schemas/billing/tables/subscriptions

BEGIN;

CREATE FUNCTION app.create_organization(slug text, name text)
RETURNS app.organizations
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  owner_id uuid := app.current_user_id();
  new_org  app.organizations;
BEGIN
  IF owner_id IS NULL THEN
    RAISE EXCEPTION 'sign in to create an organization' USING ERRCODE = 'insufficient_privilege';
  END IF;

  INSERT INTO app.organizations (slug, name, created_by)
  VALUES (create_organization.slug, create_organization.name, owner_id)
  RETURNING * INTO new_org;

  INSERT INTO app.memberships (organization_id, user_id, role)
  VALUES (new_org.id, owner_id, 'owner');

  INSERT INTO billing.subscriptions (organization_id, plan_id)
  VALUES (new_org.id, 'free');

  RETURN new_org;
END;
$$;

REVOKE EXECUTE ON FUNCTION app.create_organization(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.create_organization(text, text) TO authenticated;

COMMIT;
